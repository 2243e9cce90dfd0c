# Görevler print yerine logging ile konuşur: seviyeler, biçim, logger adları,
# to_thread'in iş parçacığı adı, logger.exception ile hatanın izi.
import asyncio
import logging
import sys
import time

log = logging.getLogger("siparis")
log.info("basicConfig'ten önce: gösterilmez")
log.warning("basicConfig'ten önce: yalnız mesaj, stderr'e")

logging.basicConfig(
    level=logging.DEBUG,
    format="%(levelname)-8s %(name)s:%(lineno)d [%(threadName)s] %(message)s",
    stream=sys.stdout,
)
logging.basicConfig(level=logging.ERROR)  # ikinci kez: etkisiz
db = logging.getLogger("siparis.db")
logging.getLogger("siparis").setLevel("INFO")
print(log, db, logging.getLogger(), db.getEffectiveLevel(), log.isEnabledFor(logging.DEBUG))
print(logging.getLevelName(40), logging.getLevelName("DEBUG"), logging.getLogger("siparis") is log)


def slow_query(n):
    time.sleep(0.2)
    db.info("sorgu %d bitti", n)
    return n * 10


async def order(n):
    log.debug("gizli: siparis seviyesi INFO")
    log.info("sipariş %d alındı", n)
    total = await asyncio.to_thread(slow_query, n)
    await asyncio.sleep(0.1 * n)
    log.info("sipariş %(no)s hazır: %(total)s TL", {"no": n, "total": total})
    if n == 2:
        raise ValueError(f"sipariş {n} eksik")
    return total


async def main():
    logging.debug("kök logger DEBUG: gösterilir")
    results = await asyncio.gather(order(1), order(2), return_exceptions=True)
    for r in results:
        if isinstance(r, Exception):
            try:
                raise r
            except ValueError:
                log.exception("hata yakalandı")
    log.log(logging.CRITICAL, "%d%% tamam", 50)
    logging.warning("bitti: %s", results[0])


asyncio.run(main())
