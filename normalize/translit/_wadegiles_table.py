"""Pinyin → Wade–Giles, one entry per toneless pinyin syllable (data only).

Built from the Wade–Giles syllable table (https://en.wikipedia.org/wiki/Wade%E2%80%93Giles and its
"Wade–Giles table" companion, read through the copy at goodnames.eth.limo/wiki/Wade%E2%80%93Giles_table.html)
and checked against the Library of Congress conversion rules for initials
(http://www.loc.gov/catdir/pinyin/letters1.html) and the Wade-Giles/pinyin table at
http://chinaknowledge.de/Literature/Script/wadegilespinyin.html.

Conventions:
- The aspiration mark is the ASCII apostrophe; Giles's circumflex and breve are left out (``cheng``,
  ``tzu``, not ``chêng``, ``tzŭ``), as in most press and library use; ``ü`` is kept.
- The inventory is every syllable pypinyin 0.55 can return, minus the syllabic nasals m, n, ng, hm, hng
  (no vowel to write) and the non-standard readings biang, bong, din, fiao, len, wong, which no
  conversion table lists; plus ``yai`` (an old reading that pypinyin's own Wade–Giles table carries).
- ``dia`` (嗲) and ``nia`` are not in the printed tables; their forms follow the regular
  initial + final rules (``t`` for ``d``, final unchanged).
- Two pairs of pinyin syllables share a Wade–Giles form: ``e`` and ``o`` (both ``o``; Giles writes
  俄 as ``o``) and ``luo`` and ``lo`` (both ``lo``). The interjections ``o`` and ``lo`` never occur
  in names, so the way back reads ``o`` as ``e`` and ``lo`` as ``luo``.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

PINYIN_TO_WADEGILES: Final = MappingProxyType({
    "a": "a", "ai": "ai", "an": "an", "ang": "ang", "ao": "ao",
    "ba": "pa", "bai": "pai", "ban": "pan", "bang": "pang", "bao": "pao", "bei": "pei",
    "ben": "pen", "beng": "peng", "bi": "pi", "bian": "pien", "biao": "piao", "bie": "pieh",
    "bin": "pin", "bing": "ping", "bo": "po", "bu": "pu",
    "ca": "ts'a", "cai": "ts'ai", "can": "ts'an", "cang": "ts'ang", "cao": "ts'ao", "ce": "ts'e",
    "cei": "ts'ei", "cen": "ts'en", "ceng": "ts'eng", "cha": "ch'a", "chai": "ch'ai", "chan": "ch'an",
    "chang": "ch'ang", "chao": "ch'ao", "che": "ch'e", "chen": "ch'en", "cheng": "ch'eng", "chi": "ch'ih",
    "chong": "ch'ung", "chou": "ch'ou", "chu": "ch'u", "chua": "ch'ua", "chuai": "ch'uai", "chuan": "ch'uan",
    "chuang": "ch'uang", "chui": "ch'ui", "chun": "ch'un", "chuo": "ch'o", "ci": "tz'u", "cong": "ts'ung",
    "cou": "ts'ou", "cu": "ts'u", "cuan": "ts'uan", "cui": "ts'ui", "cun": "ts'un", "cuo": "ts'o",
    "da": "ta", "dai": "tai", "dan": "tan", "dang": "tang", "dao": "tao", "de": "te",
    "dei": "tei", "den": "ten", "deng": "teng", "di": "ti", "dia": "tia", "dian": "tien",
    "diao": "tiao", "die": "tieh", "ding": "ting", "diu": "tiu", "dong": "tung", "dou": "tou",
    "du": "tu", "duan": "tuan", "dui": "tui", "dun": "tun", "duo": "to",
    "e": "o", "ei": "ei", "en": "en", "eng": "eng", "er": "erh",
    "fa": "fa", "fan": "fan", "fang": "fang", "fei": "fei", "fen": "fen", "feng": "feng",
    "fo": "fo", "fou": "fou", "fu": "fu",
    "ga": "ka", "gai": "kai", "gan": "kan", "gang": "kang", "gao": "kao", "ge": "ko",
    "gei": "kei", "gen": "ken", "geng": "keng", "gong": "kung", "gou": "kou", "gu": "ku",
    "gua": "kua", "guai": "kuai", "guan": "kuan", "guang": "kuang", "gui": "kuei", "gun": "kun",
    "guo": "kuo",
    "ha": "ha", "hai": "hai", "han": "han", "hang": "hang", "hao": "hao", "he": "ho",
    "hei": "hei", "hen": "hen", "heng": "heng", "hong": "hung", "hou": "hou", "hu": "hu",
    "hua": "hua", "huai": "huai", "huan": "huan", "huang": "huang", "hui": "hui", "hun": "hun",
    "huo": "huo",
    "ji": "chi", "jia": "chia", "jian": "chien", "jiang": "chiang", "jiao": "chiao", "jie": "chieh",
    "jin": "chin", "jing": "ching", "jiong": "chiung", "jiu": "chiu", "ju": "chü", "juan": "chüan",
    "jue": "chüeh", "jun": "chün",
    "ka": "k'a", "kai": "k'ai", "kan": "k'an", "kang": "k'ang", "kao": "k'ao", "ke": "k'o",
    "kei": "k'ei", "ken": "k'en", "keng": "k'eng", "kong": "k'ung", "kou": "k'ou", "ku": "k'u",
    "kua": "k'ua", "kuai": "k'uai", "kuan": "k'uan", "kuang": "k'uang", "kui": "k'uei", "kun": "k'un",
    "kuo": "k'uo",
    "la": "la", "lai": "lai", "lan": "lan", "lang": "lang", "lao": "lao", "le": "le",
    "lei": "lei", "leng": "leng", "li": "li", "lia": "lia", "lian": "lien", "liang": "liang",
    "liao": "liao", "lie": "lieh", "lin": "lin", "ling": "ling", "liu": "liu", "lo": "lo",
    "long": "lung", "lou": "lou", "lu": "lu", "luan": "luan", "lun": "lun", "luo": "lo",
    "lü": "lü", "lüe": "lüeh",
    "ma": "ma", "mai": "mai", "man": "man", "mang": "mang", "mao": "mao", "me": "me",
    "mei": "mei", "men": "men", "meng": "meng", "mi": "mi", "mian": "mien", "miao": "miao",
    "mie": "mieh", "min": "min", "ming": "ming", "miu": "miu", "mo": "mo", "mou": "mou",
    "mu": "mu",
    "na": "na", "nai": "nai", "nan": "nan", "nang": "nang", "nao": "nao", "ne": "ne",
    "nei": "nei", "nen": "nen", "neng": "neng", "ni": "ni", "nia": "nia", "nian": "nien",
    "niang": "niang", "niao": "niao", "nie": "nieh", "nin": "nin", "ning": "ning", "niu": "niu",
    "nong": "nung", "nou": "nou", "nu": "nu", "nuan": "nuan", "nun": "nun", "nuo": "no",
    "nü": "nü", "nüe": "nüeh",
    "o": "o", "ou": "ou",
    "pa": "p'a", "pai": "p'ai", "pan": "p'an", "pang": "p'ang", "pao": "p'ao", "pei": "p'ei",
    "pen": "p'en", "peng": "p'eng", "pi": "p'i", "pian": "p'ien", "piao": "p'iao", "pie": "p'ieh",
    "pin": "p'in", "ping": "p'ing", "po": "p'o", "pou": "p'ou", "pu": "p'u",
    "qi": "ch'i", "qia": "ch'ia", "qian": "ch'ien", "qiang": "ch'iang", "qiao": "ch'iao", "qie": "ch'ieh",
    "qin": "ch'in", "qing": "ch'ing", "qiong": "ch'iung", "qiu": "ch'iu", "qu": "ch'ü", "quan": "ch'üan",
    "que": "ch'üeh", "qun": "ch'ün",
    "ran": "jan", "rang": "jang", "rao": "jao", "re": "je", "ren": "jen", "reng": "jeng",
    "ri": "jih", "rong": "jung", "rou": "jou", "ru": "ju", "rua": "jua", "ruan": "juan",
    "rui": "jui", "run": "jun", "ruo": "jo",
    "sa": "sa", "sai": "sai", "san": "san", "sang": "sang", "sao": "sao", "se": "se",
    "sen": "sen", "seng": "seng", "sha": "sha", "shai": "shai", "shan": "shan", "shang": "shang",
    "shao": "shao", "she": "she", "shei": "shei", "shen": "shen", "sheng": "sheng", "shi": "shih",
    "shou": "shou", "shu": "shu", "shua": "shua", "shuai": "shuai", "shuan": "shuan", "shuang": "shuang",
    "shui": "shui", "shun": "shun", "shuo": "shuo", "si": "ssu", "song": "sung", "sou": "sou",
    "su": "su", "suan": "suan", "sui": "sui", "sun": "sun", "suo": "so",
    "ta": "t'a", "tai": "t'ai", "tan": "t'an", "tang": "t'ang", "tao": "t'ao", "te": "t'e",
    "tei": "t'ei", "teng": "t'eng", "ti": "t'i", "tian": "t'ien", "tiao": "t'iao", "tie": "t'ieh",
    "ting": "t'ing", "tong": "t'ung", "tou": "t'ou", "tu": "t'u", "tuan": "t'uan", "tui": "t'ui",
    "tun": "t'un", "tuo": "t'o",
    "wa": "wa", "wai": "wai", "wan": "wan", "wang": "wang", "wei": "wei", "wen": "wen",
    "weng": "weng", "wo": "wo", "wu": "wu",
    "xi": "hsi", "xia": "hsia", "xian": "hsien", "xiang": "hsiang", "xiao": "hsiao", "xie": "hsieh",
    "xin": "hsin", "xing": "hsing", "xiong": "hsiung", "xiu": "hsiu", "xu": "hsü", "xuan": "hsüan",
    "xue": "hsüeh", "xun": "hsün",
    "ya": "ya", "yai": "yai", "yan": "yen", "yang": "yang", "yao": "yao", "ye": "yeh",
    "yi": "i", "yin": "yin", "ying": "ying", "yo": "yo", "yong": "yung", "you": "yu",
    "yu": "yü", "yuan": "yüan", "yue": "yüeh", "yun": "yün",
    "za": "tsa", "zai": "tsai", "zan": "tsan", "zang": "tsang", "zao": "tsao", "ze": "tse",
    "zei": "tsei", "zen": "tsen", "zeng": "tseng", "zha": "cha", "zhai": "chai", "zhan": "chan",
    "zhang": "chang", "zhao": "chao", "zhe": "che", "zhei": "chei", "zhen": "chen", "zheng": "cheng",
    "zhi": "chih", "zhong": "chung", "zhou": "chou", "zhu": "chu", "zhua": "chua", "zhuai": "chuai",
    "zhuan": "chuan", "zhuang": "chuang", "zhui": "chui", "zhun": "chun", "zhuo": "cho", "zi": "tzu",
    "zong": "tsung", "zou": "tsou", "zu": "tsu", "zuan": "tsuan", "zui": "tsui", "zun": "tsun",
    "zuo": "tso",
})
