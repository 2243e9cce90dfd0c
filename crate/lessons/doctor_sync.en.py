# Not in the seed: a doctor who says "I see nobody else until this patient is healed".
import asyncio
import random
import time

EXAM = 0.04          # seconds: an exam is real work, it holds the loop
MEDICINE = 1         # seconds: the time the medicine takes to work
HEALING = 0.5        # the chance of being healed at a check-up
MAX_CHECKUPS = 5     # so that every run ends


def examine():
    time.sleep(EXAM)


async def patient(number):
    examine()
    print(f"Patient {number} examined, medicine prescribed")
    for checkup in range(1, MAX_CHECKUPS + 1):
        await asyncio.sleep(MEDICINE)
        examine()
        if random.random() < HEALING:
            print(f"Patient {number} healed at check-up {checkup}")
            return
        if checkup < MAX_CHECKUPS:
            print(f"Patient {number} not healed yet, new medicine prescribed")
    print(f"Patient {number} not healed after {MAX_CHECKUPS} check-ups, referred to a specialist")


async def sync_doctor():
    print("The doctor starts seeing patients")
    for n in range(1, 5):
        await patient(n)  # the next patient waits until this one is done
    print("Every patient has left; the doctor is done")


asyncio.run(sync_doctor())
