//! Upper and lower case: `str.upper`, `str.lower`, `swapcase`, `title`, `capitalize`.
//!
//! The same mappings as Rust's `char::to_uppercase`/`to_lowercase` and `str::to_lowercase` (full case mapping,
//! Final_Sigma), Unicode 17, in compact tables: std's own tables and code took ~15 KB of the gzipped wasm, these
//! take ~3 KB. Generated from std's functions; the test `case_mapping_matches_std_for_every_char` checks every char
//! against them; `print_case_tables` (an ignored test) prints them anew if a newer Rust's Unicode moves them.

use super::repr::in_flips;

/// `char::to_uppercase` where it gives one char other than `c`: runs of `count` chars `stride` apart
/// that all move by `delta`, packed as `start | count << 21 | (stride - 1) << 28 | delta << 29` (17-bit signed).
#[rustfmt::skip]
const UPPER_RUNS: [u64; 198] = [
    0x3ffc03400061, 0x5ce02000b5, 0x3ffc02e000e0, 0x3ffc00e000f8, 0xf202000ff, 0x3ffff3000101, 0x3fe300200131,
    0x3ffff0600133, 0x3ffff100013a, 0x3ffff2e0014b, 0x3ffff060017a, 0x3fda8020017f, 0x1860200180, 0x3ffff0400183,
    0x3fffe0200188, 0x3fffe020018c, 0x3fffe0200192, 0xc20200195, 0x3fffe0200199, 0x146020019a, 0x14c82020019b,
    0x104020019e, 0x3ffff06001a1, 0x3fffe02001a8, 0x3fffe02001ad, 0x3fffe02001b0, 0x3ffff04001b4, 0x3fffe02001b9,
    0x3fffe02001bd, 0x7002001bf, 0x3fffe02001c5, 0x3fffc02001c6, 0x3fffe02001c8, 0x3fffc02001c9, 0x3fffe02001cb,
    0x3fffc02001cc, 0x3ffff10001ce, 0x3ff6202001dd, 0x3ffff12001df, 0x3fffe02001f2, 0x3fffc02001f3, 0x3fffe02001f5,
    0x3ffff28001f9, 0x3ffff1200223, 0x3fffe020023c, 0x547e040023f, 0x3fffe0200242, 0x3ffff0a00247, 0x543e0200250,
    0x54380200251, 0x543c0200252, 0x3fe5c0200253, 0x3fe640200254, 0x3fe660400256, 0x3fe6c0200259, 0x3fe6a020025b,
    0x14a9e020025c, 0x3fe660200260, 0x14a960200261, 0x3fe620200263, 0x14ace0200264, 0x14a500200265, 0x14a880200266,
    0x3fe5e0200268, 0x3fe5a0200269, 0x14a88020026a, 0x53ee020026b, 0x14a82020026c, 0x3fe5a020026f, 0x53fa0200271,
    0x3fe560200272, 0x3fe540200275, 0x53ce020027d, 0x3fe4c0200280, 0x14a860200282, 0x3fe4c0200283, 0x14a540200287,
    0x3fe4c0200288, 0x3ff760200289, 0x3fe4e040028a, 0x3ff72020028c, 0x3fe4a0200292, 0x14a2a020029d, 0x14a24020029e,
    0xa80200345, 0x3ffff0400371, 0x3fffe0200377, 0x104060037b, 0x3ffb402003ac, 0x3ffb606003ad, 0x3ffc022003b1,
    0x3ffc202003c2, 0x3ffc012003c3, 0x3ff8002003cc, 0x3ff8204003cd, 0x3ff8402003d0, 0x3ff8e02003d1, 0x3ffa202003d5,
    0x3ff9402003d6, 0x3fff002003d7, 0x3ffff18003d9, 0x3ff5402003f0, 0x3ff6002003f1, 0xe02003f2, 0x3ff1802003f3,
    0x3ff4002003f5, 0x3fffe02003f8, 0x3fffe02003fb, 0x3ffc04000430, 0x3ff602000450, 0x3ffff2200461, 0x3ffff360048b,
    0x3ffff0e004c2, 0x3ffe202004cf, 0x3ffff60004d1, 0x3ffa04c00561, 0x178056010d0, 0x178006010fd, 0x3fff00c013f8,
    0x3cf240201c80, 0x3cf260201c81, 0x3cf380201c82, 0x3cf3c0401c83, 0x3cf3a0201c85, 0x3cf480201c86, 0x3cfb60201c87,
    0x113840201c88, 0x3fffe0201c8a, 0x114080201d79, 0x1dcc0201d7d, 0x114700201d8e, 0x3ffff9601e01, 0x3ff8a0201e9b,
    0x3ffff6001ea1, 0x101001f00, 0x100c01f10, 0x101001f20, 0x101001f30, 0x100c01f40, 0x110801f51, 0x101001f60,
    0x940401f70, 0xac0801f72, 0xc80401f76, 0x1000401f78, 0xe00401f7a, 0xfc0401f7c, 0x100401fb0, 0x3c7b60201fbe,
    0x100401fd0, 0x100401fe0, 0xe0201fe5, 0x3ffc8020214e, 0x3ffe02002170, 0x3fffe0202184, 0x3ffcc34024d0,
    0x3ffa06002c30, 0x3fffe0202c61, 0x3abaa0202c65, 0x3abb00202c66, 0x3ffff0602c68, 0x3fffe0202c73, 0x3fffe0202c76,
    0x3ffff6402c81, 0x3ffff0402cec, 0x3fffe0202cf3, 0x3c7404c02d00, 0x3c7400202d27, 0x3c7400202d2d, 0x3ffff2e0a641,
    0x3ffff1c0a681, 0x3ffff0e0a723, 0x3ffff3e0a733, 0x3ffff040a77a, 0x3ffff0a0a77f, 0x3fffe020a78c, 0x3ffff040a791,
    0x60020a794, 0x3ffff140a797, 0x3ffff100a7b5, 0x3ffff040a7c8, 0x3ffff100a7cd, 0x3fffe020a7f6, 0x3f8c0020ab53,
    0x2d060a00ab70, 0x3ffc0340ff41, 0x3ffb05010428, 0x3ffb048104d8, 0x3ffb21610597, 0x3ffb21e105a3, 0x3ffb20e105b3,
    0x3ffb204105bb, 0x3ff806610cc0, 0x3ffc02c10d70, 0x3ffc040118c0, 0x3ffc04016e60, 0x3ffca3216ebb, 0x3ffbc441e922,
];
/// `char::to_lowercase` where it gives one char other than `c`, packed as [`UPPER_RUNS`].
#[rustfmt::skip]
const LOWER_RUNS: [u64; 185] = [
    0x403400041, 0x402e000c0, 0x400e000d8, 0x33000100, 0x30600132, 0x31000139, 0x32e0014a, 0x3ff0e0200178,
    0x30600179, 0x1a40200181, 0x30400182, 0x19c0200186, 0x20200187, 0x19a0400189, 0x2020018b, 0x9e020018e,
    0x194020018f, 0x1960200190, 0x20200191, 0x19a0200193, 0x19e0200194, 0x1a60200196, 0x1a20200197, 0x20200198,
    0x1a6020019c, 0x1aa020019d, 0x1ac020019f, 0x306001a0, 0x1b402001a6, 0x202001a7, 0x1b402001a9, 0x202001ac,
    0x1b402001ae, 0x202001af, 0x1b204001b1, 0x304001b3, 0x1b602001b7, 0x202001b8, 0x202001bc, 0x402001c4,
    0x202001c5, 0x402001c7, 0x202001c8, 0x402001ca, 0x312001cb, 0x312001de, 0x402001f1, 0x304001f2, 0x3ff3e02001f6,
    0x3ff9002001f7, 0x328001f8, 0x3fefc0200220, 0x31200222, 0x5456020023a, 0x2020023b, 0x3feba020023d,
    0x5450020023e, 0x20200241, 0x3fe7a0200243, 0x8a0200244, 0x8e0200245, 0x30a00246, 0x30400370, 0x20200376,
    0xe8020037f, 0x4c0200386, 0x4a0600388, 0x80020038c, 0x7e040038e, 0x402200391, 0x4012003a3, 0x1002003cf,
    0x318003d8, 0x3ff8802003f4, 0x202003f7, 0x3fff202003f9, 0x202003fa, 0x3fefc06003fd, 0xa02000400, 0x404000410,
    0x32200460, 0x3360048a, 0x1e02004c0, 0x30e004c1, 0x360004d0, 0x604c00531, 0x38c04c010a0, 0x38c002010c7,
    0x38c002010cd, 0x12fa0a0013a0, 0x100c013f0, 0x20201c89, 0x3e8805601c90, 0x3e8800601cbd, 0x39601e00,
    0x3c4820201e9e, 0x36001ea0, 0x3fff01001f08, 0x3fff00c01f18, 0x3fff01001f28, 0x3fff01001f38, 0x3fff00c01f48,
    0x3fff10801f59, 0x3fff01001f68, 0x3fff01001f88, 0x3fff01001f98, 0x3fff01001fa8, 0x3fff00401fb8, 0x3ff6c0401fba,
    0x3ffee0201fbc, 0x3ff540801fc8, 0x3ffee0201fcc, 0x3fff00401fd8, 0x3ff380401fda, 0x3fff00401fe8, 0x3ff200401fea,
    0x3fff20201fec, 0x3ff000401ff8, 0x3ff040401ffa, 0x3ffee0201ffc, 0x3c5460202126, 0x3be82020212a, 0x3bf74020212b,
    0x380202132, 0x202002160, 0x20202183, 0x3434024b6, 0x606002c00, 0x20202c60, 0x3ac120202c62, 0x3e2340202c63,
    0x3ac320202c64, 0x30602c67, 0x3abc80202c6d, 0x3ac060202c6e, 0x3abc20202c6f, 0x3abc40202c70, 0x20202c72,
    0x20202c75, 0x3ab820402c7e, 0x36402c80, 0x30402ceb, 0x20202cf2, 0x32e0a640, 0x31c0a680, 0x30e0a722, 0x33e0a732,
    0x3040a779, 0x2ebf8020a77d, 0x30a0a77e, 0x2020a78b, 0x2b5b0020a78d, 0x3040a790, 0x3140a796, 0x2b578020a7aa,
    0x2b562020a7ab, 0x2b56a020a7ac, 0x2b57e020a7ad, 0x2b578020a7ae, 0x2b5dc020a7b0, 0x2b5ac020a7b1, 0x2b5d6020a7b2,
    0x740020a7b3, 0x3100a7b4, 0x3ffa0020a7c4, 0x2b57a020a7c5, 0x2eb90020a7c6, 0x3040a7c7, 0x2b532020a7cb,
    0x3100a7cc, 0x2b37e020a7dc, 0x2020a7f5, 0x40340ff21, 0x505010400, 0x5048104b0, 0x4e1610570, 0x4e1e1057c,
    0x4e0e1058c, 0x4e0410594, 0x806610c80, 0x402c10d50, 0x4040118a0, 0x404016e40, 0x363216ea0, 0x44441e900,
];
/// `char::to_uppercase` where it gives several chars: each char followed by its upper case, space-separated.
const UPPER_MULTI: &str = "\
    ßSS ŉʼN ǰJ\u{30c} ΐΙ\u{308}\u{301} ΰΥ\u{308}\u{301} ևԵՒ ẖH\u{331} ẗT\u{308} ẘW\u{30a} \
    ẙY\u{30a} ẚAʾ ὐΥ\u{313} ὒΥ\u{313}\u{300} ὔΥ\u{313}\u{301} ὖΥ\u{313}\u{342} ᾀἈΙ ᾁἉΙ \
    ᾂἊΙ ᾃἋΙ ᾄἌΙ ᾅἍΙ ᾆἎΙ ᾇἏΙ ᾈἈΙ ᾉἉΙ ᾊἊΙ ᾋἋΙ ᾌἌΙ ᾍἍΙ \
    ᾎἎΙ ᾏἏΙ ᾐἨΙ ᾑἩΙ ᾒἪΙ ᾓἫΙ ᾔἬΙ ᾕἭΙ ᾖἮΙ ᾗἯΙ ᾘἨΙ ᾙἩΙ \
    ᾚἪΙ ᾛἫΙ ᾜἬΙ ᾝἭΙ ᾞἮΙ ᾟἯΙ ᾠὨΙ ᾡὩΙ ᾢὪΙ ᾣὫΙ ᾤὬΙ ᾥὭΙ \
    ᾦὮΙ ᾧὯΙ ᾨὨΙ ᾩὩΙ ᾪὪΙ ᾫὫΙ ᾬὬΙ ᾭὭΙ ᾮὮΙ ᾯὯΙ ᾲᾺΙ ᾳΑΙ \
    ᾴΆΙ ᾶΑ\u{342} ᾷΑ\u{342}Ι ᾼΑΙ ῂῊΙ ῃΗΙ ῄΉΙ ῆΗ\u{342} ῇΗ\u{342}Ι ῌΗΙ \
    ῒΙ\u{308}\u{300} ΐΙ\u{308}\u{301} ῖΙ\u{342} ῗΙ\u{308}\u{342} ῢΥ\u{308}\u{300} \
    ΰΥ\u{308}\u{301} ῤΡ\u{313} ῦΥ\u{342} ῧΥ\u{308}\u{342} ῲῺΙ ῳΩΙ ῴΏΙ ῶΩ\u{342} \
    ῷΩ\u{342}Ι ῼΩΙ ﬀFF ﬁFI ﬂFL ﬃFFI ﬄFFL ﬅST ﬆST ﬓՄՆ ﬔՄԵ ﬕՄԻ ﬖՎՆ ﬗՄԽ";
/// Where the chars that Final_Sigma skips (`Case_Ignorable`) start and stop: LEB128 gaps, as repr.rs's
/// `PRINTABLE_FLIPS`.
const SIGMA_SKIP: &[u8] = b"\
    '\x01\x06\x01\x0b\x01#\x01\x01\x01G\x01\x04\x01\x01\x01\x04\x01\x02\x02\xf7\x03\xc0\x01\x04\x02\x04\x01\x09\x02\
    \x01\x01\xfb\x01\x07\xcf\x01\x01\x05\x011-\x01\x01\x01\x02\x01\x02\x01\x01,\x01\x0b\x06\x0a\x0b\x01\x01#\x01\
    \x0a\x15\x10\x01e\x08\x01\x0a\x01\x04!\x01\x01\x01\x1e\x1b[\x0b:\x0b\x04\x01\x02\x01\x18\x18+\x03,\x01\x07\x02\
    \x05\x09):7\x01\x01\x01\x04\x08\x04\x01\x03\x07\x0a\x02\x0d\x01\x0f\x01:\x01\x04\x04\x08\x01\x14\x02\x1a\x01\
    \x02\x029\x01\x04\x02\x04\x02\x02\x03\x03\x01\x1e\x02\x03\x01\x0b\x029\x01\x04\x05\x01\x02\x04\x01\x14\x02\x16\
    \x06\x01\x01:\x01\x02\x01\x01\x04\x08\x01\x07\x02\x0b\x02\x1e\x01=\x01\x0c\x012\x01\x03\x017\x01\x01\x03\x05\
    \x03\x01\x04\x07\x02\x0b\x02\x1d\x01:\x01\x02\x01\x06\x01\x05\x02\x14\x02\x1c\x029\x02\x04\x04\x08\x01\x14\x02\
    \x1d\x01H\x01\x07\x03\x01\x01Z\x01\x02\x07\x0b\x09b\x01\x02\x09\x09\x01\x01\x07I\x02\x1b\x01\x01\x01\x01\x017\
    \x0e\x01\x05\x01\x02\x05\x0b\x01$\x09\x01f\x04\x01\x06\x01\x02\x02\x02\x19\x02\x04\x03\x10\x04\x0d\x01\x02\x02\
    \x06\x01\x0f\x01^\x01\xe0\x04\x03\xb2\x07\x03\x1d\x02\x1e\x02\x1e\x02@\x02\x01\x07\x08\x01\x02\x0b\x03\x01\x05\
    \x01-\x053\x01A\x02\"\x01v\x03\x04\x02\x09\x01\x06\x03\xdb\x01\x02\x02\x01:\x01\x01\x07\x01\x01\x01\x01\x02\x08\
    \x06\x0a\x02\x01'\x01\x08.\x02\x0c\x14\x040\x01\x01\x05\x01\x01\x05\x01(\x09\x0c\x02 \x04\x02\x02\x01\x038\x01\
    \x01\x02\x03\x01\x01\x03:\x08\x02\x02@\x06R\x03\x01\x0d\x01\x07\x04\x01\x06\x01\x03\x022?\x0d\x01\"e\xbd\x03\
    \x01\x01\x03\x0b\x03\x0d\x03\x0d\x03\x0d\x02\x0c\x05\x08\x02\x0a\x01\x02\x01\x02\x051\x05\x01\x0a\x01\x01\x0d\
    \x01\x10\x0d3!\x8b\x17\x02q\x03}\x01\x0f\x01` /\x01\xd5\x03\x01$\x04\x03\x05\x05\x01]\x06]\x03\x96\xde\x01\x01\
    \xe2\x09\x06\x8e\x02\x01b\x04\x01\x0a\x01\x01\x1c\x04P\x02\x0e\"N\x01\x17\x03f\x04\x03\x02\x08\x01\x03\x01\x04\
    \x01\x19\x02\x05\x01\x97\x01\x02\x1a\x12\x0d\x01&\x08\x19\x0b.\x030\x01\x02\x04\x02\x02\x11\x01\x15\x02B\x06\
    \x02\x02\x02\x02\x0c\x01\x08\x01#\x01\x0b\x013\x01\x01\x03\x02\x02\x05\x02\x01\x01\x1b\x01\x0e\x02\x05\x02\x01\
    \x01d\x05\x09\x03y\x01\x02\x01\x04\x01\xb0\x9e\x01\x01\x93\x01\x11\xbd\x04\x10\x03\x01\x0c\x10\"\x01\x02\x01\
    \xa9\x01\x01\x07\x01\x06\x01\x0b\x01#\x01\x01\x01/\x01-\x02C\x01\x15\x03\x81\x04\x01\xe2\x01\x01\x95\x01\x05\
    \x85\x08\x06\x01*\x01\x09\xc6\x04\x03\x01\x02\x05\x04(\x03\x04\x01\xa5\x01\x02\xbd\x04\x04&\x01\x1a\x05\x01\x01\
    \xbb\x02\x02\x18\x014\x06F\x0b1\x04{\x016\x0f)\x01\x02\x02\x0a\x031\x04\x02\x02\x02\x01\x04\x01\x0a\x012\x03$\
    \x05\x01\x08>\x01\x0c\x024\x09\x0a\x04\x02\x01_\x03\x02\x01\x01\x02\x06\x01\x02\x01\x9d\x01\x01\x03\x08\x15\x02\
    9\x02\x03\x01%\x07\x03\x05F\x06\x0d\x01\x01\x01\x01\x01\x0e\x02U\x08\x02\x03\x01\x01\x17\x01T\x06\x01\x01\x04\
    \x02\x01\x02\xee\x01\x04\x06\x02\x01\x02\x1b\x02U\x08\x02\x01\x01\x02j\x01\x01\x01\x02\x06\x01\x01e\x01\x01\x01\
    \x02\x04\x01\x05\x83\x02\x09\x01\x02\x80\x02\x02\x01\x01\x04\x01\x90\x01\x04\x02\x02\x04\x01 \x0a(\x06\x02\x04\
    \x08\x01\x09\x06\x02\x03.\x0d\x01\x02\xc6\x01\x01\x01\x03\x01\x01\xc9\x01\x07\x01\x06\x01\x01R\x16\x02\x07\x01\
    \x02\x01\x02z\x06\x03\x01\x01\x02\x01\x07\x01\x01H\x02\x03\x01\x01\x01A\x01\x99\x02\x02\x0b\x024\x05\x05\x01\
    \x01\x01\x17\x01\xd5)\x11\x06\x0f\xc8Y\x0c\x03\x03\xc0\x13\x05;\x07\x09\x04\xfc\x03\x03(\x02\xe2\x03\x01?\x11@\
    \x02\x01\x02\x0d\x02\xfc\x7f\x04\x01\x07\x01\x02\x9e\x19\x02\x01\x04\xdc$.\x02\x17\xa0\x04\x03\x09\x10\x02\x07\
    \x1e\x04\x94\x01\x03\xbb\x0f7\x042\x08\x01\x0e\x01\x16\x05\x01\x0f\xd0\x0a\x07\x01\x11\x02\x07\x01\x02\x01\x05\
    \x05>!\x01\xa0\x01\x0e\xf0\x02\x01=\x04\xfb\x03\x05\xfe\x01\x02\xf3\x01\x01\x02\x01\x07\x02\x05\x01\x09\x01\xd0\
    \x03\x07m\x08\xaf\x15\x05\x81\x980\x01\x1e`\x80\x01\xf0\x01";
/// Where the other chars that make a sigma final or not (`Cased`, not `Case_Ignorable`) start and stop.
const SIGMA_CASED: &[u8] = b"\
    A\x1a\x06\x1a/\x01\x0a\x01\x04\x01\x05\x17\x01\x1f\x01\xc3\x01\x01\x04\x04\xd0\x01\x02\x1a\xc0\x01\x04\x02\x02\
    \x03\x03\x01\x01\x06\x01\x01\x03\x01\x01\x01\x14\x01S\x01\x8b\x01\x08\xa6\x01\x01&\x09)\x97\x16&\x01\x01\x05\
    \x01\x02+\x02\x03\xa0\x05V\x02\x06\x82\x11\x0b\x05+\x02\x03@,?\x0d\x01\"e\x96\x02\x02\x06\x02&\x02\x06\x02\x08\
    \x01\x01\x01\x01\x01\x01\x01\x1f\x025\x01\x07\x01\x01\x03\x03\x01\x07\x03\x04\x02\x06\x04\x0d\x05\x03\x01\x07\
    \x85\x02\x01\x04\x01\x02\x0a\x01\x01\x03\x05\x06\x01\x01\x01\x01\x01\x01\x04\x01\x06\x04\x01\x02\x04\x05\x05\
    \x04\x01\x11 \x03\x02\xb1\x064\x96\x0e|\x02g\x06\x04\x03\x02\x0c&\x01\x01\x05\x01\x92\xf2\x01.\x12\x1c\x86\x01N\
    \x01\x17\x03\x04\x01M\x18\x02\x03\x01\xb5\x06+\x05\x09\x07P\xc0\x9e\x01\x07\x0c\x05\x89\x08\x1a\x06\x1a\xa5\x09\
    P`$\x04$t\x0b\x01\x0f\x01\x07\x01\x02\x01\x0b\x01\x0f\x01\x07\x01\x02\xc3\x0d3\x0d3]\x16\x0a\x16\x9a\x16@\xe0\
    \xaa\x01@ \x19\x02\x19\xac\xca\x01U\x01G\x01\x02\x02\x01\x02\x02\x02\x04\x01\x0c\x01\x01\x01\x07\x01A\x01\x04\
    \x02\x08\x01\x07\x01\x1c\x01\x04\x01\x05\x01\x01\x03\x07\x01\xd4\x02\x02\x19\x01\x19\x01\x1f\x01\x19\x01\x1f\
    \x01\x19\x01\x1f\x01\x19\x01\x1f\x01\x19\x01\x08\xb4\x0e\x0a\x01\x14\x06\x06\xd5\x13D\xec\x0f\x1a\x06\x1a\x06\
    \x1a";

/// The single char `c` maps to in `runs`, if it is in one.
fn in_runs(runs: &[u64], c: char) -> Option<char> {
    let c = c as u32;
    for &r in runs {
        let start = (r & 0x1f_ffff) as u32;
        if start > c {
            break;
        }
        let (count, stride) = ((r >> 21 & 0x7f) as u32, (r >> 28 & 1) as u32 + 1);
        let off = c - start;
        if off % stride == 0 && off / stride < count {
            // The 17-bit delta, sign-extended.
            let delta = ((r >> 29) as i32) << 15 >> 15;
            return char::from_u32(c.wrapping_add_signed(delta));
        }
    }
    None
}

/// Appends `c.to_uppercase()` to `out`.
pub fn push_upper(out: &mut String, c: char) {
    if c.is_ascii() {
        return out.push(c.to_ascii_uppercase());
    }
    if let Some(u) = in_runs(&UPPER_RUNS, c) {
        return out.push(u);
    }
    match UPPER_MULTI.split(' ').find(|m| m.starts_with(c)) {
        Some(m) => out.push_str(&m[c.len_utf8()..]),
        None => out.push(c),
    }
}

/// Where `str.title()` differs from upper case (CPython's title case), but for Greek letters
/// with a subscript iota: each char followed by its title case, space-separated.
const TITLE_MULTI: &str =
    "ßSs Ǆǅ ǅǅ ǆǅ Ǉǈ ǈǈ ǉǈ Ǌǋ ǋǋ ǌǋ Ǳǲ ǲǲ ǳǲ ևԵւ ﬀFf ﬁFi ﬂFl ﬃFfi ﬄFfl ﬅSt ﬆSt ﬓՄն ﬔՄե ﬕՄի ﬖՎն ﬗՄխ";

/// Appends `c`'s title case to `out` (`str.title()`, `str.capitalize()`): its upper case, but
/// for ligatures, digraphs (`ǆ` → `ǅ`) and Georgian letters, which have a title case of their own.
pub fn push_title(out: &mut String, c: char) {
    if ('\u{10d0}'..='\u{10ff}').contains(&c) {
        return out.push(c);
    }
    match TITLE_MULTI.split(' ').find(|m| m.starts_with(c)) {
        Some(m) => out.push_str(&m[c.len_utf8()..]),
        None => push_upper(out, c),
    }
}

/// Appends `c.to_lowercase()` to `out` (a capital sigma becomes `σ`: see [`lower`]).
pub fn push_lower(out: &mut String, c: char) {
    if c.is_ascii() {
        return out.push(c.to_ascii_lowercase());
    }
    match (c, in_runs(&LOWER_RUNS, c)) {
        ('\u{130}', _) => out.push_str("i\u{307}"),
        (_, Some(l)) => out.push(l),
        _ => out.push(c),
    }
}

/// `s.to_uppercase()`: `str.upper()`.
pub fn upper(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    s.chars().for_each(|c| push_upper(&mut out, c));
    out
}

/// `s.to_lowercase()`: `str.lower()`, where a capital sigma at the end of a word becomes `ς` (Final_Sigma).
pub fn lower(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        push_lower_in(&mut out, s, i, c);
    }
    out
}

/// Appends the lower case of `c`, the char at byte `i` of `s`, as `str.lower()` makes it there:
/// a capital sigma that ends a word becomes `ς` (Final_Sigma), as in `capitalize` and `swapcase`.
pub fn push_lower_in(out: &mut String, s: &str, i: usize, c: char) {
    // Whether, past the case-ignorable chars, the next char is cased.
    fn cased_next(mut chars: impl Iterator<Item = char>) -> bool {
        chars.find(|&c| !in_flips(SIGMA_SKIP, c, false)).is_some_and(|c| in_flips(SIGMA_CASED, c, false))
    }
    if c == '\u{3a3}' {
        let last = cased_next(s[..i].chars().rev()) && !cased_next(s[i + c.len_utf8()..].chars());
        out.push(if last { '\u{3c2}' } else { '\u{3c3}' });
    } else {
        push_lower(out, c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_mapping_matches_std_for_every_char() {
        let (mut up, mut low) = (String::new(), String::new());
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            up.clear();
            low.clear();
            push_upper(&mut up, c);
            push_lower(&mut low, c);
            assert_eq!(up, c.to_uppercase().collect::<String>(), "upper {c:?}");
            if c != '\u{3a3}' {
                assert_eq!(low, c.to_lowercase().collect::<String>(), "lower {c:?}");
            }
            // Final_Sigma: what comes before and after a capital sigma, skipped or not, cased or not.
            for s in [format!("{c}\u{3a3}"), format!("A{c}\u{3a3}"), format!("A\u{3a3}{c}"), format!("A\u{3a3}{c}B")] {
                assert_eq!(lower(&s), s.to_lowercase(), "{s:?}");
            }
        }
        for s in ["ΟΔΥΣΣΕΥΣ", "Σ", "ΑΣ.", "a\u{3a3}\u{300}", "\u{3a3}\u{3a3}", "straße İstanbul ǅ ŉ ΐ"]
        {
            assert_eq!((upper(s), lower(s)), (s.to_uppercase(), s.to_lowercase()), "{s:?}");
        }
    }

    /// Prints the case tables as case.rs has them, from this Rust's std:
    /// `cargo test --lib print_case_tables -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn print_case_tables() {
        // Runs of chars `stride` apart whose single-char mapping moves them all by one delta, and the chars
        // mapped to several chars.
        // (start, count, delta, stride)
        type Run = (u32, u32, i32, u32);
        fn runs(map: fn(char) -> String) -> (Vec<Run>, Vec<(char, String)>) {
            let (mut singles, mut multi) = (vec![], vec![]);
            for c in (0..=0x10ffff).filter_map(char::from_u32) {
                let m = map(c);
                match (m.chars().count(), m.chars().next()) {
                    (1, Some(x)) if x != c => singles.push((c as u32, x as i32 - c as i32)),
                    (1, _) => {}
                    _ => multi.push((c, m)),
                }
            }
            let (mut out, mut i) = (vec![], 0);
            while i < singles.len() {
                let (start, delta) = singles[i];
                let mut best = (1, 1);
                for stride in [1u32, 2] {
                    let mut n = 1;
                    while singles.get(i + n).is_some_and(|&(c, d)| c == start + n as u32 * stride && d == delta) {
                        n += 1;
                    }
                    if n > best.0 {
                        best = (n, stride);
                    }
                }
                out.push((start, best.0 as u32, delta, best.1));
                i += best.0;
            }
            (out, multi)
        }
        fn packed(name: &str, runs: &[Run]) {
            println!("#[rustfmt::skip]\nconst {name}: [u64; {}] = [", runs.len());
            let mut line = String::from("   ");
            for &(start, n, delta, stride) in runs {
                assert!(start < 1 << 21 && n < 128 && delta.abs() < 1 << 16);
                let v = u64::from(start)
                    | u64::from(n) << 21
                    | u64::from(stride - 1) << 28
                    | (i64::from(delta) as u64 & 0x1ffff) << 29;
                let item = format!(" 0x{v:x},");
                if line.len() + item.len() > 116 {
                    println!("{line}");
                    line = String::from("   ");
                }
                line.push_str(&item);
            }
            println!("{line}\n];");
        }
        fn flips(name: &str, bounds: &[u32]) {
            let (mut line, mut prev) = (String::from("    "), 0);
            println!("const {name}: &[u8] = b\"\\");
            for &b in bounds {
                let mut gap = b - prev;
                prev = b;
                loop {
                    let byte = (gap & 0x7f) as u8 | if gap > 0x7f { 0x80 } else { 0 };
                    gap >>= 7;
                    let e = match byte {
                        b'"' | b'\\' => format!("\\{}", byte as char),
                        0x20..=0x7e => (byte as char).to_string(),
                        _ => format!("\\x{byte:02x}"),
                    };
                    if line.len() + e.len() > 115 {
                        println!("{line}\\");
                        line = String::from("    ");
                    }
                    line.push_str(&e);
                    if gap == 0 {
                        break;
                    }
                }
            }
            println!("{line}\";");
        }
        let (upper, multi) = runs(|c| c.to_uppercase().collect());
        let (lower, lower_multi) = runs(|c| c.to_lowercase().collect());
        assert_eq!(lower_multi, [('\u{130}', "i\u{307}".to_string())]);
        packed("UPPER_RUNS", &upper);
        packed("LOWER_RUNS", &lower);
        let entries: Vec<String> = multi.iter().map(|(c, m)| format!("{c}{m}")).collect();
        let mut line = String::from("    ");
        println!("const UPPER_MULTI: &str = \"\\");
        for (i, entry) in entries.iter().enumerate() {
            // Each char escaped on its own, so that combining marks show as `\u{…}`.
            let mut e: String = entry.chars().flat_map(char::escape_debug).collect();
            if i + 1 < entries.len() {
                e.push(' ');
            }
            if line.len() + e.len() > 114 {
                println!("{line}\\");
                line = String::from("    ");
            }
            line.push_str(&e);
        }
        println!("{line}\";");
        // What Final_Sigma does with a char x before a capital sigma tells its class: skipped (Case_Ignorable),
        // cased, or neither.
        let (mut skip, mut cased, mut in_skip, mut in_cased) = (vec![], vec![], false, false);
        for u in 0..=0x110000 {
            let (is_skip, is_cased) = match char::from_u32(u) {
                Some(x) => {
                    let alone = format!("{x}\u{3a3}").to_lowercase().ends_with('\u{3c2}');
                    let after_a = format!("A{x}\u{3a3}").to_lowercase().ends_with('\u{3c2}');
                    (!alone && after_a, alone)
                }
                None => (false, false),
            };
            if is_skip != in_skip {
                skip.push(u);
                in_skip = is_skip;
            }
            if is_cased != in_cased {
                cased.push(u);
                in_cased = is_cased;
            }
        }
        flips("SIGMA_SKIP", &skip);
        flips("SIGMA_CASED", &cased);
    }
}
