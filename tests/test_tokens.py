import unicodedata

from asrfix import tokenize
from asrfix.tokens import is_sentence_start, match_case


def words(text: str) -> list[str]:
    return [t.text for t in tokenize(text)]


def test_tokens_keep_offsets_into_the_original():
    text = "  • President Xi Jinping visited Wuhan,\r\nwhere the Corona virus was first detected."
    for token in tokenize(text):
        assert text[token.start : token.end] == token.text


def test_apostrophes_and_possessives_stay_inside_a_word():
    assert words("the Uighur's camp, don't; Uighur’s") == ["the", "Uighur's", "camp", "don't", "Uighur’s"]
    # The curly apostrophe matches like a straight one.
    assert tokenize("Uighur’s")[0].norm == "uighur's"


def test_hyphens_digits_and_line_breaks_separate_words():
    assert words("self-isolated 1,000,000 COVID-19 Will\nHan") == [
        "self", "isolated", "1", "000", "000", "COVID", "19", "Will", "Han",
    ]


def test_norm_is_case_folded_nfc():
    nfd = unicodedata.normalize("NFD", "Zürich")
    (token,) = tokenize(nfd)
    assert token.text == nfd  # the original characters, untouched
    assert token.norm == "zürich" and len(token.norm) == 6


def test_non_ascii_words():
    assert words("Xinjiang 新疆 Ürümqi") == ["Xinjiang", "新疆", "Ürümqi"]


def test_sentence_start():
    text = "Yes. Corona virus and the Corona virus"
    assert is_sentence_start(text, 0)
    assert is_sentence_start(text, 5)
    assert not is_sentence_start(text, text.rindex("Corona"))


def test_match_case():
    assert match_case("weaker", "Uyghur") == "Uyghur"
    assert match_case("WEAKER", "Uyghur") == "UYGHUR"
    assert match_case("W H O", "WHO") == "WHO"
    assert match_case("Corona virus", "coronavirus", sentence_start=True) == "Coronavirus"
    assert match_case("Corona virus", "coronavirus") == "coronavirus"
    assert match_case("i d", "ID") == "ID"
