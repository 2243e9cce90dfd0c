# logging: levels before and after basicConfig, disable, propagate, exc_info, and the asyncio
# logger that reports a task's exception nobody retrieved.
import asyncio
import logging

# Before any configuration, a logger's records go to the last-resort handler (the message
# alone, WARNING and above); the module's own functions would call basicConfig() first.
early = logging.getLogger("early")
early.setLevel(logging.CRITICAL)
early.error("hidden by the logger's level")
early.critical("shown: %s", "critical")
print(logging.getLevelName(logging.WARN), logging.getLevelName(50), logging.getLogger("") is logging.getLogger())

logging.basicConfig(format="%(levelname)s:%(name)s:%(msg)s %(args)s -> %(message)s")
log = logging.getLogger("clinic.doctor")
log.warning("patient %s waited %d min", "Ayşe", 3)

try:
    1 / 0
except ZeroDivisionError as e:
    log.error("as an exception", exc_info=e)
    log.error("no traceback", exc_info=False)

logging.disable(logging.ERROR)
log.error("disabled")
log.critical("above the disabled level")
logging.disable(logging.NOTSET)

log.disabled = True
log.error("the logger is disabled")
log.disabled = False
logging.fatal("fatal is critical")

try:
    log.error("oops", colour="red")
except TypeError as e:
    print("TypeError:", e)


async def visit():
    raise ValueError("no appointment")


async def main():
    task = asyncio.create_task(visit())
    await asyncio.sleep(0.1)
    logging.getLogger("asyncio").setLevel(logging.CRITICAL)
    del task
    await asyncio.sleep(0.1)
    print("the asyncio logger kept its report quiet")


asyncio.run(main())
