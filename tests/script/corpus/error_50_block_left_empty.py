# A block left for later with only a comment in it, at the end of the file: CPython
# reports the missing body at the comment, the last line it read.
import asyncio


async def indir(url):
    # yapılacak: indirmeyi yaz
