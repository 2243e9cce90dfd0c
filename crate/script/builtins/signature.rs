//! What the common built-ins accept, so that a call CPython refuses is refused here too, in
//! CPython's words, before the built-in runs. Without it `sorted(x, reversed=True)`,
//! `gather(…, return_exception=True)` or `lst.append(1, 2)` ran with the misspelt keyword or
//! the extra argument silently dropped. A built-in that is not listed is not checked.
//!
//! One line per built-in, `name most form [=shown] [keyword …]`:
//! - `most`: how many positional arguments it takes at most (`*`: any);
//! - `form`: how CPython words one too many. `1` "takes exactly one argument (N given)", `0`
//!   "takes no arguments (N given)", `a` "takes at most M arguments (N given)" (`aL`: the first L
//!   are required, "missing required argument 'P' (pos I)"; `kL` the same, with "positional
//!   arguments"), `e` "expected M arguments, got N", `x` "expected at most M arguments, got N", `s` "takes no positional
//!   arguments", `pLX` a function written in Python: "takes from L to M positional arguments
//!   but N were given", every number X more (`self`), and its keyword errors are Python's;
//! - `=shown`: the name CPython's messages give it, where the owner's rule does not;
//! - the keywords it accepts (`*`: any), named as its parameters in their order, so that one
//!   given by name for a positional parameter is passed in its place (`round(number=2.5)`);
//!   `/` stands for a parameter that has no name (`sum`'s iterable).
//!
//! The messages were recorded with CPython 3.11.

use super::*;

/// Each owner's name as its messages qualify it (`""`: bare) and its lines: `""` the built-in
/// functions, then types' methods and modules' functions.
const TABLES: &[(&str, &str, &str)] = &[
    (
        "",
        "",
        "print * - sep end file flush
len 1 1
abs 1 1
repr 1 1
ascii 1 1
any 1 1
all 1 1
chr 1 1
ord 1 1
hex 1 1
bin 1 1
oct 1 1
hash 1 1
id 1 1
callable 1 1
property 4 a fget fset fdel doc
round 2 a number ndigits
sum 2 a1 / start
enumerate 2 a iterable start
pow 3 a base exp mod
sorted 1 e / key reverse
min * x key default
max * x key default
zip * - strict
map * -
reversed 1 e
isinstance 2 e
issubclass 2 e
filter 2 e
divmod 2 e
setattr 3 e
delattr 2 e
hasattr 2 e
iter 2 x
next 2 x
getattr 3 x
format 2 x",
    ),
    (
        "str",
        "str",
        "upper 0 0
lower 0 0
title 0 0
capitalize 0 0
swapcase 0 0
casefold 0 0
isdigit 0 0
isalpha 0 0
isupper 0 0
islower 0 0
isspace 0 0
isalnum 0 0
istitle 0 0
isnumeric 0 0
isdecimal 0 0
isascii 0 0
isidentifier 0 0
join 1 1
format_map 1 1
zfill 1 1
expandtabs 1 a tabsize
translate 1 1
maketrans 3 x
partition 1 1
rpartition 1 1
removeprefix 1 1
removesuffix 1 1
strip 1 x
lstrip 1 x
rstrip 1 x
replace 3 x
center 2 x
ljust 2 x
rjust 2 x
split 2 a sep maxsplit
rsplit 2 a sep maxsplit
splitlines 1 a keepends
encode 2 a encoding errors
startswith 3 a
endswith 3 a
find 3 a
rfind 3 a
index 3 a
rindex 3 a
count 3 a",
    ),
    (
        "list",
        "list",
        "append 1 1
extend 1 1
remove 1 1
count 1 1
clear 0 0
reverse 0 0
copy 0 0
insert 2 e
pop 1 x
index 3 x
sort 0 s key reverse",
    ),
    (
        "dict",
        "dict",
        "keys 0 0
values 0 0
items 0 0
clear 0 0
copy 0 0
popitem 0 0
get 2 x
pop 2 x
setdefault 2 x
update 1 x *",
    ),
    (
        "set",
        "set",
        "add 1 1
remove 1 1
discard 1 1
issubset 1 1
issuperset 1 1
isdisjoint 1 1
pop 0 0
clear 0 0
copy 0 0",
    ),
    ("tuple", "tuple", "count 1 1\nindex 3 x"),
    ("Counter", "Counter", "most_common 1 p01 n\nelements 0 p01\ntotal 0 p01"),
    ("OrderedDict", "", "move_to_end 2 a1 key last"),
    ("range", "range", "count 1 1\nindex 1 1"),
    // The built-in types, called to make a value (see [`check_type`]).
    (
        "type",
        "",
        "int 2 a / base
float 1 x
str 3 a object encoding errors
bool 1 x
list 1 x
tuple 1 x
set 1 x
frozenset 1 x
dict 1 x *
range 3 x",
    ),
    (
        "random",
        "Random",
        "random 0 0
randint 2 p21 a b
uniform 2 p21 a b
choice 1 p11 seq
shuffle 1 p11 x
sample 2 p21 population k counts
choices 2 p11 population weights cum_weights k
seed 2 p01 a version
randrange 3 p11 start stop step",
    ),
    ("copy", "", "copy 1 p10 x\ndeepcopy 3 p10 x memo _nil"),
    (
        "math",
        "math",
        "ceil 1 1
floor 1 1
trunc 1 1
sqrt 1 1
exp 1 1
log2 1 1
log10 1 1
sin 1 1
cos 1 1
tan 1 1
atan 1 1
asin 1 1
acos 1 1
sinh 1 1
cosh 1 1
tanh 1 1
asinh 1 1
acosh 1 1
atanh 1 1
exp2 1 1
expm1 1 1
log1p 1 1
fabs 1 1
radians 1 1
degrees 1 1
isnan 1 1
isinf 1 1
isfinite 1 1
factorial 1 1
isqrt 1 1
fsum 1 1
modf 1 1
atan2 2 e
gcd * -
lcm * -
hypot * -
copysign 2 e
fmod 2 e
remainder 2 e
pow 2 e
comb 2 e
perm 2 x
prod 1 k1 / start
isclose 2 k2 a b rel_tol abs_tol
dist 2 e",
    ),
    ("time", "time", "sleep 1 1\ntime 0 0\nperf_counter 0 0\nmonotonic 0 0\ntime_ns 0 0\nperf_counter_ns 0 0"),
    (
        "asyncio",
        "",
        "run 1 p10 main debug
sleep 2 p10 delay result
create_task 1 p10 coro name context
gather * p00 return_exceptions
wait_for 2 p20 fut timeout
wait 1 p10 fs timeout return_when
as_completed 1 p10 fs timeout
shield 1 p10 arg
current_task 1 p00 loop
all_tasks 1 p00 loop
timeout 1 p10 delay
ensure_future 1 p10 coro_or_future loop
new_event_loop 0 p00
get_event_loop 0 0 =_asyncio.get_event_loop
get_running_loop 0 0 =_asyncio.get_running_loop
Future 0 s loop
Task 1 k1 coro loop name context
Queue 1 p01 =Queue.__init__ maxsize
LifoQueue 1 p01 =Queue.__init__ maxsize
PriorityQueue 1 p01 =Queue.__init__ maxsize
Event 0 p01 =Event.__init__
Lock 0 p01 =Lock.__init__
Semaphore 1 p01 =Semaphore.__init__ value
BoundedSemaphore 1 p01 =BoundedSemaphore.__init__ value
Condition 1 p01 =Condition.__init__ lock
Barrier 1 p11 =Barrier.__init__ parties
TaskGroup 0 p01 =TaskGroup.__init__",
    ),
    (
        "Queue",
        "Queue",
        "put 1 p11 item
put_nowait 1 p11 item
get 0 p01
get_nowait 0 p01
task_done 0 p01
join 0 p01
qsize 0 p01
empty 0 p01
full 0 p01",
    ),
    ("TaskGroup", "TaskGroup", "create_task 1 p11 coro name context"),
    // The library's functions a learner misspells a keyword of (`deque(max_len=2)`,
    // `lru_cache(max_size=2)`), in CPython's words; those that take any number of positional
    // arguments (`*`) have only their keywords checked.
    (
        "heapq",
        "_heapq",
        "heappush * -
heappop * -
heapify * -
heappushpop * -
heapreplace * -
nsmallest 3 p20 =nsmallest n iterable key
nlargest 3 p20 =nlargest n iterable key",
    ),
    (
        "functools",
        "",
        "reduce * -
lru_cache * p00 maxsize typed
cache 1 p10 user_function
wraps 3 p10 wrapped assigned updated
update_wrapper 4 p20 wrapper wrapped assigned updated
total_ordering 1 p10 cls
cmp_to_key 1 a mycmp",
    ),
    ("collections", "", "namedtuple 2 p20 typename field_names rename defaults module"),
    (
        "itertools",
        "",
        "count 2 a start step
cycle 1 e
repeat 2 a1 object times
accumulate 2 k1 iterable func initial
chain * -
compress 2 a2 data selectors
dropwhile 2 e
filterfalse 2 e
groupby 2 a1 iterable key
islice 4 x
pairwise 1 e
starmap 2 e
takewhile 2 e
product * - repeat
permutations 2 a1 iterable r
combinations 2 a2 iterable r
combinations_with_replacement 2 a2 iterable r",
    ),
    (
        "_UnixSelectorEventLoop",
        "BaseEventLoop",
        "call_soon * p11 callback context
create_task 1 p11 coro name context
call_later * p21 delay callback context
call_at * p21 when callback context
time 0 p01
create_future 0 p01",
    ),
    ("Event", "Event", "set 0 p01\nclear 0 p01\nis_set 0 p01\nwait 0 p01"),
    ("Lock", "Lock", "acquire 0 p01\nrelease 0 p01\nlocked 0 p01"),
    ("Semaphore", "Semaphore", "acquire 0 p01\nrelease 0 p01\nlocked 0 p01"),
    (
        "BoundedSemaphore",
        "BoundedSemaphore",
        "acquire 0 p01 =Semaphore.acquire\nrelease 0 p01\nlocked 0 p01 =Semaphore.locked",
    ),
    // A condition's acquire, release and locked are its lock's own, as CPython binds them.
    (
        "Condition",
        "Condition",
        "acquire 0 p01 =Lock.acquire
release 0 p01 =Lock.release
locked 0 p01 =Lock.locked
wait 0 p01
wait_for 1 p11 predicate
notify 1 p01 n
notify_all 0 p01",
    ),
    (
        "Task",
        "Task",
        "cancel 1 a msg
cancelled 0 0
done 0 0
result 0 0
exception 0 0
get_name 0 0
set_name 1 1
cancelling 0 0
uncancel 0 0
remove_done_callback 1 1",
    ),
];

/// The qualifier and line of `owner`'s `name`, or `("", "")`: not listed.
pub(super) fn line(owner: &str, name: &str) -> (&'static str, &'static str) {
    TABLES
        .iter()
        .find(|(o, ..)| *o == owner)
        .and_then(|(_, q, lines)| {
            lines.lines().find_map(|l| l.strip_prefix(name).and_then(|rest| rest.strip_prefix(' '))).map(|l| (*q, l))
        })
        .unwrap_or(("", ""))
}

/// `owner`'s built-in `name`, checked by its line if it has one; `method`: it is given its
/// object first.
pub fn checked(owner: &str, name: &'static str, call: BuiltinFn, method: bool) -> Value {
    let (qualifier, sig) = line(owner, name);
    // asyncio's functions are Python's, but for the three CPython writes in C.
    let python = owner == "asyncio" && !matches!(name, "get_event_loop" | "get_running_loop" | "current_task");
    // The built-ins CPython makes classes of (the name stays bound to the function here).
    const TYPES: &[&str] =
        &["map", "filter", "zip", "enumerate", "reversed", "property", "staticmethod", "classmethod"];
    let is_type = match owner {
        "" => TYPES.contains(&name),
        "itertools" => true,
        "functools" => name == "partial",
        _ => false,
    } && !method;
    Value::Builtin(Rc::new(Builtin { name, call, sig, qualifier, method, python, is_type }))
}

/// A call's positional and keyword arguments.
pub type Bound = (Vec<Value>, Vec<(Name, Value)>);

/// Checks a call of the built-in type `name` (`int('5', bas=10)`, `range(3, step=1)`), and
/// gives its arguments with its keywords bound as [`call`] binds them (`str(object=5)`).
pub fn check_type(name: &str, args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult<Bound> {
    if args.len() < 2 && kw.is_empty() {
        return Ok((args, kw)); // every type listed takes one
    }
    check_line("type", name, args, kw)
}

/// Checks a call of `owner`'s `name` by its line (one that is not a [`Builtin`]: asyncio's
/// `Task()` and `Future()`), and gives its arguments with its keywords bound as [`call`] binds them.
pub fn check_line(owner: &str, name: &str, args: Vec<Value>, mut kw: Vec<(Name, Value)>) -> PyResult<Bound> {
    match line(owner, name) {
        (_, "") => Ok((args, kw)),
        (qualifier, sig) => {
            check(name, qualifier, sig, args.len(), &kw)?;
            let given = args.len();
            Ok((bind(sig, given, args, &mut kw), kw))
        }
    }
}

/// Calls `b`, once its line (if any) accepts the call (and, at the recursion limit, as
/// CPython's C call would, refuses it: see [`recursion_suffix`]).
#[inline]
pub fn call(interp: &Interp, b: &Builtin, args: Vec<Value>, mut kw: Vec<(Name, Value)>) -> PyResult {
    // CPython 3.11's `print` takes a level of the recursion limit too (a call of C code that
    // its specialised calls for `len`, `isinstance`, `append`… skip): a runaway recursion
    // that prints fails at its `print`, "while calling a Python object".
    // Near the limit only (the depth first: it is cheaper than the name's match).
    if crate::aio::current_depth() + 2 > interp.recursion_limit.get() {
        if let Some(suffix) = recursion_suffix(b) {
            // `print` calls more C code (the file's `write`): one level more.
            let levels = 1 + u32::from(b.name == "print");
            if crate::aio::current_depth() + levels > interp.recursion_limit.get() {
                return raise("RecursionError", format!("maximum recursion depth exceeded{suffix}"));
            }
        }
    }
    // A type's method taken from the type (`list.append()`) and given nothing to work on.
    if b.method && args.is_empty() && !b.qualifier.is_empty() {
        return raise("TypeError", format!("unbound method {}.{}() needs an argument", b.qualifier, b.name));
    }
    if !b.sig.is_empty() {
        let given = args.len() - usize::from(b.method && !args.is_empty());
        let most = b.sig.as_bytes()[0];
        let short = given < least(b.sig, &kw);
        if (most != b'*' && given > usize::from(most - b'0')) || short || !accepts(b.sig, &kw) {
            check(b.name, b.qualifier, b.sig, given, &kw)?;
        }
        if most != b'*' && !kw.is_empty() {
            let args = bind(b.sig, given, args, &mut kw);
            return call_keeping(interp, b, args, kw);
        }
    }
    call_keeping(interp, b, args, kw)
}

/// How CPython 3.11's error ends when a call of `b` is the one past the recursion limit (a
/// recursion with no base case that calls it on the way), or None: its calls that check the
/// limit are those of a function of one argument or none (`abs`, `str.upper`), of the
/// functions that take a tuple of arguments (`str.count`, `math.log`), and of those that call
/// more C code (`round`, `sorted`, `print`); `len`'s, `str.split`'s, `dict.get`'s… do not.
fn recursion_suffix(b: &Builtin) -> Option<&'static str> {
    const CALLING: &str = " while calling a Python object";
    match (b.qualifier, b.name) {
        ("", "len") | ("list", "append") => None,
        ("", "repr") => Some(" while getting the repr of an object"),
        ("", "max" | "min") => Some(" in comparison"),
        // (`math.log`, which checks its arguments itself, has no line: its qualifier is bare.)
        ("", "print" | "round" | "sorted" | "zip" | "log") => Some(CALLING),
        ("str", "startswith" | "endswith" | "find" | "rfind" | "index" | "rindex" | "count" | "format") => {
            Some(CALLING)
        }
        _ if matches!(b.sig.as_bytes().get(2), Some(b'0' | b'1')) => Some(CALLING),
        _ => None,
    }
}

/// Calls `b`. A function CPython writes in Python keeps its arguments in its frame, which
/// the error's traceback keeps: a coroutine it refused warns that it was never awaited when
/// the error goes (see `aio::refusing`). Only when one may be among them: `sleep(0)` copies
/// nothing.
#[inline]
fn call_keeping(interp: &Interp, b: &Builtin, args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
    let held = if b.python { crate::aio::kept_arguments(&args, &kw) } else { Vec::new() };
    if !held.is_empty() {
        return crate::aio::refusing(&held, (b.call)(interp, b.name, args, kw));
    }
    (b.call)(interp, b.name, args, kw)
}

/// `args` with the keywords that name the next positional parameters moved in their place.
fn bind(sig: &str, given: usize, mut args: Vec<Value>, kw: &mut Vec<(Name, Value)>) -> Vec<Value> {
    let most = usize::from(sig.as_bytes()[0] - b'0');
    let params: Vec<&str> = sig.split(' ').skip(2).filter(|w| !w.starts_with('=')).collect();
    for name in params.iter().take(most).skip(given) {
        match kw.iter().position(|(k, _)| &*text(*k) == *name) {
            Some(j) => args.push(kw.remove(j).1),
            None => break,
        }
    }
    args
}

/// How few positional arguments the line `sig` takes: a function written in Python says
/// (`wait_for() missing 1 required positional argument: 'timeout'`); a C one that takes an
/// exact number words fewer as it words more (`len() takes exactly one argument (0 given)`,
/// `isinstance expected 2 arguments, got 1`), unless keywords may fill them; others, 0.
fn least(sig: &str, kw: &[(Name, Value)]) -> usize {
    let b = sig.as_bytes();
    match b.get(2) {
        Some(b'p' | b'a' | b'k') => b.get(3).filter(|d| d.is_ascii_digit()).map_or(0, |d| usize::from(d - b'0')),
        Some(b'1' | b'e') if kw.is_empty() => usize::from(b[0].wrapping_sub(b'0')),
        _ => 0,
    }
}

/// Whether the line `sig` accepts every keyword of `kw`: the check of every call with
/// keywords (`print(end="")`), so it makes nothing.
fn accepts(sig: &str, kw: &[(Name, Value)]) -> bool {
    kw.iter().all(|(k, _)| {
        let k = text(*k);
        sig.split(' ').skip(2).any(|w| w == "*" || w == &*k)
    })
}

#[cold]
#[inline(never)]
fn check(bare: &str, qualifier: &str, sig: &str, given: usize, kw: &[(Name, Value)]) -> PyResult<()> {
    let mut words = sig.split(' ');
    let most = words.next().unwrap_or("*");
    let form = words.next().unwrap_or("-");
    let mut rest: Vec<&str> = words.collect();
    let shown = match rest.first().and_then(|w| w.strip_prefix('=')) {
        Some(s) => {
            rest.remove(0);
            s.to_string()
        }
        None if qualifier.is_empty() => bare.to_string(),
        None => format!("{qualifier}.{bare}"),
    };
    let python = form.starts_with('p');
    // Argument Clinic's functions (`aL`, `kL`): too many, then the first required one missing.
    let clinic = form.starts_with(['a', 'k']);
    let digit = |i: usize| form.as_bytes().get(i).map_or(0, |d| usize::from(d - b'0'));
    let missing: Vec<String> = rest
        .iter()
        .take(least(sig, kw))
        .skip(given)
        .filter(|p| !kw.iter().any(|(k, _)| &*text(*k) == **p))
        .map(|p| format!("'{p}'"))
        .collect();
    let too_few = (python && !missing.is_empty()).then(|| {
        let n = missing.len();
        let names = match missing.as_slice() {
            [one] => one.clone(),
            [a, b] => format!("{a} and {b}"),
            [init @ .., last] => format!("{}, and {last}", init.join(", ")),
            [] => String::new(),
        };
        format!("{shown}() missing {n} required positional argument{}: {names}", if n == 1 { "" } else { "s" })
    });
    let too_many = most
        .parse::<usize>()
        .ok()
        .filter(|m| given > *m || (given < *m && !python && !clinic && least(sig, kw) == *m))
        .map(|m| {
            let s = |n: usize| if n == 1 { "" } else { "s" };
            match form {
                "1" => format!("{shown}() takes exactly one argument ({given} given)"),
                "0" => format!("{shown}() takes no arguments ({given} given)"),
                // Argument Clinic counts the keywords too.
                f if f.starts_with('a') => {
                    format!("{bare}() takes at most {m} argument{} ({} given)", s(m), given + kw.len())
                }
                // Every positional one required (`math.isclose(a, b, *, …)`): "exactly".
                f if f.starts_with('k') && digit(1) == m => {
                    format!("{bare}() takes exactly {m} positional argument{} ({given} given)", s(m))
                }
                f if f.starts_with('k') => {
                    format!("{bare}() takes at most {m} positional argument{} ({given} given)", s(m))
                }
                "e" => format!("{bare} expected {m} argument{}, got {given}", s(m)),
                "x" => format!("{bare} expected at most {m} argument{}, got {given}", s(m)),
                "s" => format!("{bare}() takes no positional arguments"),
                _ => {
                    let (least, extra) = (digit(1), digit(2));
                    let (hi, n) = (m + extra, given + extra);
                    let takes = if least == m {
                        format!("{hi} positional argument{}", s(hi))
                    } else {
                        format!("from {} to {hi} positional arguments", least + extra)
                    };
                    let were = if n == 1 { "was" } else { "were" };
                    format!("{shown}() takes {takes} but {n} {were} given")
                }
            }
        });
    let unknown = kw.iter().map(|(k, _)| text(*k)).find(|k| !rest.contains(&&**k) && rest != ["*"]).map(|k| {
        if python {
            format!("{shown}() got an unexpected keyword argument '{k}'")
        } else if rest.is_empty() {
            format!("{shown}() takes no keyword arguments")
        } else {
            // `sorted` hands its keywords to `list.sort`, which is the one CPython names; it
            // counts them before it reads their names.
            let named = if bare == "sorted" { "sort" } else { bare };
            let names = rest.iter().filter(|w| !matches!(**w, "/" | "*")).count();
            match kw.len() {
                n if named == "sort" && n > names => {
                    format!("sort() takes at most {names} keyword arguments ({n} given)")
                }
                _ => format!("'{k}' is an invalid keyword argument for {named}()"),
            }
        }
    });
    // A function written in Python counts its positional arguments first; a C one, its keywords.
    // (`sorted` counts its one positional argument before `list.sort` reads the keywords.)
    let first = match (python, bare) {
        (true, _) => too_many.or(unknown).or(too_few),
        (false, "sorted") if given == 0 => Some("sorted expected 1 argument, got 0".to_string()),
        (false, "min" | "max") if kw.len() > 2 => {
            Some(format!("{bare}() takes at most 2 keyword arguments ({} given)", kw.len()))
        }
        (false, "min" | "max") if given == 0 => Some(format!("{bare} expected at least 1 argument, got 0")),
        (false, _) if clinic => {
            let missing = rest
                .iter()
                .take(least(sig, kw))
                .enumerate()
                .skip(given)
                .find(|(_, p)| !kw.iter().any(|(k, _)| &*text(*k) == **p));
            let missing = missing.map(|(i, p)| match *p {
                "/" if form.starts_with('k') && digit(1) == rest.iter().take_while(|p| **p == "/").count() => {
                    format!("{bare}() takes exactly {} positional argument ({given} given)", digit(1))
                }
                "/" => format!("{bare}() takes at least {} positional argument ({given} given)", i + 1),
                p => format!("{bare}() missing required argument '{p}' (pos {})", i + 1),
            });
            too_many.or(missing).or(unknown)
        }
        _ => unknown.or(too_many),
    };
    match first {
        Some(message) => raise("TypeError", message),
        None => Ok(()),
    }
}

/// How CPython words too few arguments to the built-in function `name` (`n` given, `min`
/// needed), by its line's form: `iter expected at least 1 argument, got 0`, `round() missing
/// required argument 'number' (pos 1)`, `sum() takes at least 1 positional argument (0 given)`.
pub(super) fn too_few_message(name: &str, n: usize, min: usize) -> Option<String> {
    let sig = line("", name).1;
    let mut words = sig.split(' ').skip(1);
    let s = if min == 1 { "" } else { "s" };
    match words.next()? {
        "x" => Some(format!("{name} expected at least {min} argument{s}, got {n}")),
        "a" => Some(match words.nth(n)? {
            "/" => format!("{name}() takes at least {min} positional argument{s} ({n} given)"),
            p if name == "enumerate" => format!("{name}() missing required argument '{p}'"),
            p => format!("{name}() missing required argument '{p}' (pos {})", n + 1),
        }),
        _ => None,
    }
}
