# Not in the seed: the seed tells this story in words; here it is as code.
import asyncio
import random
import time

EXAM = 0.04          # seconds: an exam is real work, it holds the loop
MEDICINE = 1         # seconds: the time the medicine takes to work
HEALING = 0.5        # the chance of being healed at a check-up
MAX_CHECKUPS = 5     # so that every run ends


def examine():
    time.sleep(EXAM)  # meanwhile the doctor can do nothing else


async def patient(number):
    examine()
    print(f"Patient {number} examined, medicine prescribed")
    for checkup in range(1, MAX_CHECKUPS + 1):
        # The patient goes off to take the medicine; meanwhile the doctor sees other patients.
        await asyncio.sleep(MEDICINE)
        examine()
        if random.random() < HEALING:
            print(f"Patient {number} healed at check-up {checkup}")
            return
        if checkup < MAX_CHECKUPS:
            print(f"Patient {number} not healed yet, new medicine prescribed")
    print(f"Patient {number} not healed after {MAX_CHECKUPS} check-ups, referred to a specialist")


async def doctor():
    print("The doctor starts seeing patients")
    await asyncio.gather(*(patient(n) for n in range(1, 5)))
    print("Every patient has left; the doctor is done")


asyncio.run(doctor())
