# random.choice indexes what it is given, as CPython's seq[randbelow(len(seq))]: a set cannot
# be indexed (a learner's common try), and a dict is indexed by key.
import random
random.seed(1)
for s in [{1,2,3}, {'a':1,'b':2}, (1,2,3), 'abc', range(5), {0: "sıfır", 1: "bir"}]:
    try: print(random.choice(s))
    except Exception as e: print(type(e).__name__, e)
