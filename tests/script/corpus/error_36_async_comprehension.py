import asyncio

# A list comprehension that awaits, in a plain function, is a SyntaxError under the whole
# comprehension.
async def kare(x):
    return x * x

def hatalı():
    return [await kare(x) for x in range(3)]

print(hatalı())
