# Default task names count per program, not per run: a second asyncio.run's main task gets the
# next number, after the two each asyncio.run's shutdown takes; run_until_complete's task
# takes one, and a task made with name= still uses up its number.
import asyncio


async def yardimci():
    await asyncio.sleep(0.05)


async def ana(etiket):
    print(etiket, "ana görev:", asyncio.current_task().get_name())
    gorevler = [asyncio.create_task(yardimci()) for _ in range(2)]
    adli = asyncio.create_task(yardimci(), name="adlı")
    print(etiket, "yardımcılar:", [g.get_name() for g in gorevler], adli.get_name())
    await asyncio.gather(*gorevler, adli)
    sonraki = asyncio.ensure_future(yardimci())
    print(etiket, "sonraki:", sonraki.get_name())
    await sonraki


asyncio.run(ana("1. run"))
asyncio.run(ana("2. run"))
dongu = asyncio.new_event_loop()
dongu.run_until_complete(ana("döngü"))
dongu.close()
asyncio.run(ana("3. run"))
