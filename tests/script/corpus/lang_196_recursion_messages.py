# A recursion with no base case that calls a built-in on the way fails at that call, in
# CPython 3.11's words for it ("while calling a Python object", "while getting the str of an
# object", "in comparison"), or at the recursive call itself for len, isinstance, sum, append.
import math
L = []
D = {}
def dene(ad, f):
    try:
        f(0)
    except RecursionError as e:
        print(ad, '|', e)
def f_abs(n):
    abs(n)
    return f_abs(n + 1)
dene('abs', f_abs)
def f_str(n):
    str(n)
    return f_str(n + 1)
dene('str', f_str)
def f_int(n):
    int('5')
    return f_int(n + 1)
dene('int', f_int)
def f_len(n):
    len('ab')
    return f_len(n + 1)
dene('len', f_len)
def f_max(n):
    max(n, 1)
    return f_max(n + 1)
dene('max', f_max)
def f_round(n):
    round(1.5)
    return f_round(n + 1)
dene('round', f_round)
def f_sqrt(n):
    math.sqrt(4)
    return f_sqrt(n + 1)
dene('sqrt', f_sqrt)
def f_append(n):
    L.append(n)
    return f_append(n + 1)
dene('append', f_append)
def f_upper(n):
    'x'.upper()
    return f_upper(n + 1)
dene('upper', f_upper)
def f_sum(n):
    sum([1, 2])
    return f_sum(n + 1)
dene('sum', f_sum)
def f_isinstance(n):
    isinstance(n, int)
    return f_isinstance(n + 1)
dene('isinstance', f_isinstance)
def f_sorted(n):
    sorted([2, 1])
    return f_sorted(n + 1)
dene('sorted', f_sorted)
def f_join(n):
    '-'.join(['a'])
    return f_join(n + 1)
dene('join', f_join)
def f_dictget(n):
    D.get(1)
    return f_dictget(n + 1)
dene('dictget', f_dictget)
def f_float(n):
    float(n)
    return f_float(n + 1)
dene('float', f_float)
def f_chr(n):
    chr(65)
    return f_chr(n + 1)
dene('chr', f_chr)
def f_ord(n):
    ord('a')
    return f_ord(n + 1)
dene('ord', f_ord)
def f_hash(n):
    hash(n)
    return f_hash(n + 1)
dene('hash', f_hash)
def f_repr(n):
    repr(n)
    return f_repr(n + 1)
dene('repr', f_repr)
def f_split(n):
    'a b'.split()
    return f_split(n + 1)
dene('split', f_split)
def f_strip(n):
    ' a '.strip()
    return f_strip(n + 1)
dene('strip', f_strip)
def f_floor(n):
    math.floor(2.5)
    return f_floor(n + 1)
dene('floor', f_floor)
def f_dictkeys(n):
    D.keys()
    return f_dictkeys(n + 1)
dene('dictkeys', f_dictkeys)
def f_any(n):
    any([1])
    return f_any(n + 1)
dene('any', f_any)
def f_id(n):
    id(n)
    return f_id(n + 1)
dene('id', f_id)
def f_listcopy(n):
    [1].copy()
    return f_listcopy(n + 1)
dene('listcopy', f_listcopy)
def f_count(n):
    'x'.count('x')
    return f_count(n + 1)
dene('count', f_count)
def f_startswith(n):
    'x'.startswith('x')
    return f_startswith(n + 1)
dene('startswith', f_startswith)
def f_zfill(n):
    'a'.zfill(3)
    return f_zfill(n + 1)
dene('zfill', f_zfill)
def f_setadd(n):
    set().add(1)
    return f_setadd(n + 1)
dene('setadd', f_setadd)
def f_log(n):
    math.log(2)
    return f_log(n + 1)
dene('log', f_log)
def f_fsum(n):
    math.fsum([1])
    return f_fsum(n + 1)
dene('fsum', f_fsum)
def f_hex(n):
    hex(n)
    return f_hex(n + 1)
dene('hex', f_hex)
def f_callable(n):
    callable(n)
    return f_callable(n + 1)
dene('callable', f_callable)
def f_listextend(n):
    [].extend([1])
    return f_listextend(n + 1)
dene('listextend', f_listextend)
def f_isdigit(n):
    'x'.isdigit()
    return f_isdigit(n + 1)
dene('isdigit', f_isdigit)
def f_lower(n):
    'x'.lower()
    return f_lower(n + 1)
dene('lower', f_lower)


def geri_say(n):
    metin = str(n).upper()
    return geri_say(n - 1)


geri_say(10)
