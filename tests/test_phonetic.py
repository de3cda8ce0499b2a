"""The phonetic corrector: sound keys, and the corrections it makes (and must not make) on its own."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import yaml

import asrfix
from asrfix import Entry, Lexicon
from asrfix.correctors.phonetic import PhoneticCorrector, _build_index
from asrfix.lexicon import Misrecognition
from asrfix.phonetics import coarse_key, sound_key, sound_similarity, word_key

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "phonetic_cases.yaml").read_text(encoding="utf-8"))


def bare_china_news() -> Lexicon:
    """china-news without its listed misrecognitions: only terms, sounds-like respellings and context."""
    full = asrfix.load_lexicon("china-news")
    return Lexicon("bare", tuple(dataclasses.replace(e, misrecognitions=()) for e in full.entries))


def fix(text: str, lexicon: Lexicon) -> asrfix.Result:
    return asrfix.correct(text, lexicons=[lexicon], correctors=[PhoneticCorrector()])


def test_sound_keys_merge_what_recognisers_confuse() -> None:
    assert coarse_key(sound_key("red coat")) == coarse_key(sound_key("red code"))  # voicing t/d
    assert sound_key("Hang Zhou") == sound_key("Hangzhou")  # word boundaries do not count
    assert word_key("pane") == word_key("pain")
    assert word_key("zavier") == word_key("xavier")
    assert word_key("judgment") == word_key("judgement")  # "dg" sounds as "dge"
    assert sound_similarity(sound_key("weaker"), sound_key("wee gur")) > 0.8
    assert sound_similarity(sound_key("Will Han"), sound_key("Wuhan")) > 0.75
    assert sound_similarity(sound_key("table"), sound_key("Wuhan")) < 0.5


def test_past_tense_endings_sound_as_spoken() -> None:
    # "-ed" after a vowel and l, r or w is a "d" of the same syllable ("appealed" rhymes with "field").
    assert word_key("appealed") == word_key("appeald")
    assert word_key("called") == word_key("cald") and word_key("mowed") == word_key("mode")
    # A double "g" stays hard ("begged", "foggy"), and a word whose only vowel is in "ed" keeps it.
    assert "J" not in word_key("begged") and "J" not in word_key("foggy") and "J" in word_key("aged")
    assert word_key("bed") != word_key("bt") and word_key("hundred").endswith("red")


def test_a_word_english_does_not_know_is_searched_more_widely() -> None:
    # A spelling no English text uses is almost always misheard: a term is found even with a syllable dropped.
    places = Lexicon("places", tuple(Entry(t, lexicon="places") for t in ("Antananarivo", "Leicestershire")))
    assert fix("we flew to antanarivo in May", places).text == "we flew to Antananarivo in May"
    assert fix("she was born in lestershire", places).text == "she was born in Leicestershire"
    # Words English knows get no wider search: they need the usual, closer match.
    montpelier = Lexicon("places", (Entry("Montpelier", lexicon="places"),))
    for text in ("the mandibular bone", "a house in Montclair", "a multiplier of two"):
        assert fix(text, montpelier).text == text


@pytest.mark.parametrize("case", CASES["positive"], ids=lambda c: c["text"][:40])
def test_finds_unlisted_misrecognitions_by_sound(case: dict[str, str]) -> None:
    assert fix(case["text"], bare_china_news()).text == case["expected"]


@pytest.mark.parametrize("case", CASES["negative"], ids=lambda c: c["text"][:40])
def test_near_misses_stay_unchanged(case: dict[str, str]) -> None:
    assert fix(case["text"], bare_china_news()).text == case["text"]


def test_every_change_says_what_matched_and_why() -> None:
    result = fix("the lawyer, who is from the Muslim weaker community", bare_china_news())
    (change,) = result.changes
    assert change.corrector == "phonetic" and change.entry == "Uyghur"
    assert "wee gur" in change.reason and "key" in change.reason and "context 'community' nearby" in change.reason
    assert 0.5 <= change.confidence < 0.99


def test_weak_evidence_is_a_suggestion_not_a_change() -> None:
    result = fix("The woman in the red coat crossed the street.", bare_china_news())
    assert result.text == result.original
    assert [s.after for s in result.suggestions] == ["red code"]
    # "Will Han" sounds only roughly like "Wuhan" (the "l"): context cannot make a distant match a change, so
    # the shipped lexicon lists it as a known misrecognition.
    assert fix("He stayed near Will Han before flying home to China.", bare_china_news()).changes == ()


def test_rare_misspelling_of_a_listed_word_is_fixed_without_context() -> None:
    lexicon = Lexicon("names", (Entry("bertie", lexicon="names"), Entry("xavier", lexicon="names")))
    assert fix("hallo berty said zavier", lexicon).text == "hallo bertie said xavier"


def test_listed_misrecognitions_are_left_to_the_lexicon_corrector() -> None:
    # "weaker" is listed (guarded by context); the phonetic corrector must not re-propose it.
    result = asrfix.correct("the weaker people", lexicons=["china-news"], correctors=[PhoneticCorrector()])
    assert result.changes == () and result.suggestions == ()


def test_lookup_cost_does_not_scan_the_lexicon() -> None:
    # A lexicon of 5,000 unrelated terms still finds the one that sounds right.
    terms = [f"zq{i:04d}x" for i in range(5000)] + ["Wuhan"]
    lexicon = Lexicon("big", tuple(Entry(t, lexicon="big", context=("China",)) for t in terms))
    assert fix("in China, near Woo Han", lexicon).text == "in China, near Wuhan"


def test_a_term_written_with_an_apostrophe_the_recogniser_left_out_is_restored() -> None:
    # Apostrophes cannot be heard: "ohare" and "O'Hare" sound the same, only the spelling tells them apart.
    lexicon = Lexicon("places", (Entry("O'Hare", lexicon="places"), Entry("Stephanos", lexicon="places")))
    assert fix("we landed at ohare at noon", lexicon).text == "we landed at O'Hare at noon"
    assert fix("and stephano's ship", lexicon).text == "and Stephanos ship"
    # A word that differs from a term only in case is not a recognition error.
    assert fix("we landed at O'HARE at noon", lexicon).changes == ()


def test_a_recognisers_made_up_spelling_is_fixed_even_when_it_sounds_only_roughly_alike() -> None:
    # "torkle" is no English word: a rough sound match with a listed name is enough.
    lexicon = Lexicon("saga", (Entry("Thorkel", lexicon="saga"),))
    assert fix("then torkle rode home", lexicon).text == "then Thorkel rode home"
    # A real word that sounds as roughly alike is only suggested.
    result = fix("then turtle rode home", lexicon)
    assert result.changes == ()


def test_a_rare_spelling_in_the_lexicon_does_not_replace_the_common_word() -> None:
    # Dialect and archaic spellings ("lookd", "somewhar") are rarer than the everyday word they sound like.
    lexicon = Lexicon("dialect", (Entry("lookd", lexicon="dialect"), Entry("somewhar", lexicon="dialect")))
    assert fix("she looked somewhere else", lexicon).changes == ()


def test_a_word_of_the_span_is_no_context_for_replacing_it() -> None:
    lexicon = Lexicon("places", (Entry("Tehran", lexicon="places", context=("Iran",)),))
    assert fix("the Iran deal was signed", lexicon).changes == ()


def test_a_dropped_ending_is_restored_from_a_short_list_but_not_from_a_huge_one() -> None:
    # Recognisers often drop an ending: with a short list of expected words, its inflected form is meant.
    short = Lexicon("list", (Entry("households", lexicon="list"), Entry("Thorkel", lexicon="list")))
    assert fix("food for many household in the town", short).text == "food for many households in the town"
    # A lexicon of thousands of words holds inflections of many everyday words: there the heard form stays.
    filler = tuple(Entry(f"zq{i:04d}x", lexicon="list") for i in range(3000))
    huge = Lexicon("list", (*short.entries, *filler))
    assert fix("food for many household in the town", huge).changes == ()


def test_everyday_words_are_joined_from_a_short_list_but_only_suggested_from_a_huge_one() -> None:
    short = Lexicon("list", (Entry("etcetera", lexicon="list"),))
    assert fix("pens, paper, et cetera", short).text == "pens, paper, etcetera"
    # A lexicon of 20,000 words holds compound spellings of many word pairs: there the join is only suggested.
    filler = tuple(Entry(f"zq{i:05d}x", lexicon="list") for i in range(20_000))
    result = fix("pens, paper, et cetera", Lexicon("list", (*short.entries, *filler)))
    assert result.changes == () and [s.after for s in result.suggestions] == ["etcetera"]


def test_a_compound_written_as_two_words_is_joined_even_with_one_of_the_commonest_words() -> None:
    # "to", "in", "up", "a" are among the commonest words of English: a term made of one of them and another word
    # is joined only with context nearby, unless the term is a compound English writes as one word.
    words = Lexicon("list", tuple(Entry(t, lexicon="list") for t in ("tonight", "today", "setup", "anymore", "maybe")))
    assert fix("we leave to night", words).text == "we leave tonight"
    assert fix("to day we rest", words).text == "today we rest"
    # Not a verb and its particle, nor a quantity: these are written apart for a reason.
    for text in ("we set up the server", "I do not want any more cake", "it may be so"):
        assert fix(text, words).changes == ()
    # A name is no such compound: "in a" is not Ina, nor "a very" Avery.
    names = Lexicon("names", tuple(Entry(t, lexicon="names") for t in ("Ina", "Avery")))
    assert fix("we sat in a very small room", names).changes == ()
    # A large lexicon holds compound spellings of many word pairs: there the join is only suggested.
    filler = tuple(Entry(f"zq{i:05d}x", lexicon="list") for i in range(20_000))
    result = fix("we leave to night", Lexicon("list", (*words.entries, *filler)))
    assert result.changes == () and [s.after for s in result.suggestions] == ["tonight"]


def test_a_dropped_two_sound_ending_is_restored_from_a_short_list() -> None:
    # Recognisers drop "-ing" and "-ed" endings; the term with the ending is too far in sound for a one-edit match.
    hobbies = Lexicon("hobbies", tuple(Entry(t, lexicon="hobbies") for t in ("beekeeping", "whittling", "snorkelling")))
    assert fix("she took up beekeep last year", hobbies).text == "she took up beekeeping last year"
    assert fix("he sat whittle by the fire", hobbies).text == "he sat whittling by the fire"
    assert fix("we went snorkel at the reef", hobbies).text == "we went snorkelling at the reef"
    # The term written with an ending is the term already there; and a large lexicon holds inflections of many
    # everyday words, so the same evidence is not enough there.
    garden = Lexicon("hobbies", (Entry("garden", lexicon="hobbies"),))
    assert fix("we love gardening", garden).changes == ()
    terms = tuple(Entry(f"zq{i:05d}x", lexicon="big") for i in range(10_000))
    big = Lexicon("big", (*terms, Entry("gardening", lexicon="big")))
    assert fix("we sat in the garden", big).changes == ()


def test_a_two_sound_ending_cut_off_the_last_word_is_restored_whatever_the_word() -> None:
    # Recognisers cut the last word of a segment short: there even an everyday word gets its "-ing" back.
    hobbies = Lexicon("hobbies", tuple(Entry(t, lexicon="hobbies") for t in ("cleaning", "boating", "gardening")))
    assert fix("we did a regular house clean", hobbies).text == "we did a regular house cleaning"
    assert fix("a taste for ornamental garden", hobbies).text == "a taste for ornamental gardening"
    assert fix("keep it clean: a regular house clean", hobbies).text == "keep it clean: a regular house cleaning"
    # Elsewhere an everyday word keeps its form; and after "a", "I", "we"... no "-ing" form ends a sentence.
    assert fix("a clean house and a garden shed", hobbies).changes == ()
    assert fix("he built me a boat", hobbies).changes == ()
    # A name made of a word and "-ing" is not that word cut short.
    names = Lexicon("names", tuple(Entry(t, lexicon="names") for t in ("Browning", "Reading")))
    assert fix("her hair was brown", names).changes == ()
    assert fix("it is a good book to read", names).changes == ()


def test_a_known_word_glued_to_a_term_is_split_off() -> None:
    # Recognisers glue short words onto names they do not know; the word English does not know is taken apart.
    people = Lexicon("people", tuple(Entry(t, lexicon="people") for t in ("Okonkwo", "Dostoevsky", "Conformist")))
    assert fix("they met withokonkwo", people).text == "they met with Okonkwo"
    assert fix("we read dostoyefskybooks", people).text == "we read Dostoevsky books"
    # A word English knows is never taken apart, however it is made.
    for text in ("the nonconformist church", "the bookshelf", "a withdrawal"):
        assert fix(text, people).text == text


def test_two_terms_glued_into_one_word_are_taken_apart() -> None:
    # A recogniser that knows neither of two names said together writes one word English does not know; it is
    # taken for the two terms when it sounds like them together and each part like its term.
    people = Lexicon("people", tuple(Entry(t, lexicon="people") for t in ("Tonnay", "Charente", "Mac", "Ardle")))
    assert fix("replied mademoiselle de tenychalant laughing", people).text == (
        "replied mademoiselle de Tonnay Charente laughing"
    )
    assert fix("brother macardo said", people).text == "brother Mac Ardle said"
    # Words English knows are never taken apart; nor is a word that does not sound like the two together.
    for text in ("the woman in the red coat", "a tonnage of charcoal", "the tenantless chalet"):
        assert fix(text, people).text == text
    assert fix("de tonnayzzyxwq", people).changes == ()
    # A cut that keeps the word's very letters is the reading: "sans" and "Hezbollah", not "san" and "Hezbollah"
    # (read as one spelling, "sanshezbollah" has an "sh" that runs across the cut).
    groups = Lexicon("groups", (Entry("Hezbollah", lexicon="groups"),))
    assert fix("sanshezbollah of", groups).text == "sans Hezbollah of"
    # Of many terms, many pairs sound like a word by chance: the lexicon-size term counts twice (with 300 terms,
    # counted once, it would still be a change).
    filler = tuple(Entry(f"Zq{n:05d}", lexicon="people") for n in range(300))
    large = Lexicon("people", (*people.entries, *filler))
    result = fix("replied mademoiselle de tenychalant laughing", large)
    assert result.changes == ()
    assert [c.after for c in result.suggestions] == ["Tonnay Charente"]


def test_a_glued_word_is_not_split_to_leave_a_listed_misrecognition_standing() -> None:
    # "weaker" is listed for "Uyghur" (needing context): "weakerweaker" as "weaker Uyghur" would give it that
    # context, and correcting the output again would change it too. The output of a correction is final.
    result = asrfix.correct("they spoke of weakerweaker and the weakercamps", lexicons=["china-news"])
    assert result.text == "they spoke of weakerweaker and the Uyghur camps"
    assert asrfix.correct(result.text, lexicons=["china-news"]).changes == ()


def test_a_word_after_a_name_is_not_swallowed_into_it() -> None:
    # "montfiche said" sounds a little nearer "Montfichet" than "montfiche" alone, but the name alone is a
    # change already: the longer span would delete the word "said".
    people = Lexicon("people", (Entry("Montfichet", lexicon="people"),))
    assert fix("then montfiche said that", people).text == "then Montfichet said that"
    assert fix("then montfiche went home", people).text == "then Montfichet went home"
    # A word before it may be the name's own first sound, split off by the recogniser.
    assert fix("the minister a proves it", Lexicon("w", (Entry("approves", lexicon="w"),))).text == (
        "the minister approves it"
    )


def test_a_word_that_only_starts_with_a_term_may_be_a_mishearing_of_it() -> None:
    # "Holland" is not "Hollan" with an ending: recognisers write the known word for the rare name.
    people = Lexicon("people", (Entry("Hollan", lexicon="people"),))
    assert fix("a letter to Robert Holland", people).text == "a letter to Robert Hollan"
    # The term with an ending English words take is the term already there, and is left alone.
    for text in ("the Hollans came home", "at Hollan's house", "the Hollaner family"):
        assert fix(text, people).changes == ()


def test_a_rare_name_heard_as_everyday_words_is_joined_back() -> None:
    # A recogniser writes a name it does not know as words it knows; the words together are rarer in English
    # than the name, so the name's rarity counts for nothing against them.
    places = Lexicon("places", tuple(Entry(t, lexicon="places") for t in ("Cresswell", "Vanderpool")))
    assert fix("we met at cross well farm", places).text == "we met at Cresswell farm"
    assert fix("said mister van der foul", places).text == "said mister Vanderpool"
    # Words for a term of as many words are judged as before ("red coat" is only a suggestion for "red code"),
    # and a common phrase is not taken for a commoner word that sounds a little like it.
    assert fix("he was thirty eight", Lexicon("w", (Entry("thirtieth", lexicon="w"),))).changes == ()


def test_a_short_word_whose_only_vowel_is_a_final_e_sounds_it() -> None:
    # "le", "de", "the", "he": the final "e" is silent only after another vowel ("cake", "ride").
    assert word_key("le") == word_key("lee") and word_key("the") == word_key("thee")
    assert word_key("cake") == word_key("caik") and word_key("bite") == word_key("bight")
    names = Lexicon("names", tuple(Entry(t, lexicon="names") for t in ("Lecompte", "Dewitt")))
    assert fix("judge le comte issued a writ", names).text == "judge Lecompte issued a writ"
    assert fix("mister de wit said so", names).text == "mister Dewitt said so"
    # Everyday words around them are not taken for the names.
    assert fix("the count came and he went with it", names).changes == ()


def test_no_plural_ending_is_added_after_a_or_i() -> None:
    # A dropped ending is restored from a short list ...
    lexicon = Lexicon("list", (Entry("stations", lexicon="list"), Entry("approves", lexicon="list")))
    assert fix("the old station were closed", lexicon).text == "the old stations were closed"
    assert fix("the board approve it", lexicon).text == "the board approves it"
    # ... but after "a", "one", "I", "they" a noun is singular and a verb takes no "-s".
    for text in ("a station was built", "one station was built", "I approve it", "they approve of it"):
        assert fix(text, lexicon).changes == ()


def test_a_last_word_cut_short_is_completed() -> None:
    # Recognisers often drop the end of a segment's last word: a rare word there that starts one term is that term.
    places = Lexicon("places", tuple(Entry(t, lexicon="places") for t in ("Constantinople", "Mandalay", "Mandela")))
    assert fix("the fleet sailed for constantino", places).text == "the fleet sailed for Constantinople"
    # Not before other words, not a word English knows well, not the start of several terms.
    for text in ("constantino sailed for the city", "they waved at the constant", "a portrait of mand"):
        assert fix(text, places).changes == ()
    # A large lexicon holds many terms that start with any word: there it is only suggested.
    filler = tuple(Entry(f"zq{i:05d}x", lexicon="places") for i in range(10_000))
    result = fix("the fleet sailed for constantino", Lexicon("places", (*places.entries, *filler)))
    assert result.changes == () and [s.after for s in result.suggestions] == ["Constantinople"]
    # A listed misrecognition is left to the lexicon corrector.
    istanbul = Entry("Istanbul", misrecognitions=(Misrecognition("constantino", False),), lexicon="places")
    assert fix("the fleet sailed for constantino", Lexicon("places", (*places.entries, istanbul))).changes == ()


def test_german_sch_sounds_sh_before_a_u_or_a_consonant() -> None:
    # "Schumann", "Schubert", "Schmidt", "Bosch": a recogniser writes what it hears, "shuman", "shoebert".
    composers = Lexicon("composers", tuple(Entry(t, lexicon="composers") for t in ("Schumann", "Schubert", "Scholes")))
    assert fix("a concerto by shuman", composers).text == "a concerto by Schumann"
    assert fix("songs by shoebert", composers).text == "songs by Schubert"
    # Before e, i, o it stays "sk", as in "school" and "scheme": "Scholes" is "skoles", not "sholes".
    assert word_key("school") == word_key("skool") and word_key("scheme") == word_key("skeme")
    assert fix("a lecture by skoles", composers).text == "a lecture by Scholes"
    assert fix("a song by sholes", composers).changes == ()


def test_aw_before_a_vowel_keeps_its_w() -> None:
    # In "Haworth", "away", "award" the w of "aw" starts the next syllable; "aw" is the vowel of "law" only before a
    # consonant or at the end. So "haw worth" (or the recogniser's "hawworth") sounds like "Haworth".
    places = Lexicon("places", tuple(Entry(t, lexicon="places") for t in ("Haworth", "Harden", "Wuhan")))
    assert fix("we walked to haw worth on Sunday", places).text == "we walked to Haworth on Sunday"
    assert fix("we walked to hawworth on Sunday", places).text == "we walked to Haworth on Sunday"
    assert word_key("away") != word_key("a") and coarse_key(word_key("award")) != coarse_key(word_key("hard"))
    # Near miss: "Hawarden" is a town of its own, three syllables, not a misheard "Harden".
    assert fix("the castle at Hawarden", places).changes == ()
    assert word_key("dawn") == word_key("don") and word_key("law") == word_key("lo")  # before a consonant, at the end


def test_a_spelling_english_does_not_know_is_matched_two_sounds_away() -> None:
    # Two sounds misheard in a name the recogniser did not know: found by the two-edit search, and changed.
    painters = Lexicon("arts", tuple(Entry(t, lexicon="arts") for t in ("Tintoretto", "Schopenhauer", "Anabela")))
    assert fix("a painting by tincaretto hung there", painters).text == "a painting by Tintoretto hung there"
    result = fix("the pessimism of shoppenhower", painters)
    assert result.text == "the pessimism of Schopenhauer"
    assert "two edits apart" in result.changes[0].reason
    # Such a match needs more evidence than a closer one: another name two sounds from a term is only suggested.
    result = fix("she met Andella there", painters)
    assert result.changes == ()
    assert [s.after for s in result.suggestions] == ["Anabela"]
    # A huge lexicon is not searched that widely: its index would take hundreds of megabytes, and chance matches
    # two sounds away abound there.
    huge = Lexicon("huge", (*painters.entries, *(Entry(f"Zork{i}", lexicon="huge") for i in range(10_000))))
    assert fix("a painting by tincaretto hung there", huge).changes == ()
    assert huge.derived("phonetic-corrector", _build_index).wide is None
    assert painters.derived("phonetic-corrector", _build_index).wide is not None


def test_a_token_longer_than_any_word_is_left_alone_at_once() -> None:
    # A pasted hash or a run of letters hundreds of thousands long: no sound match is tried (its sound key alone
    # once took minutes), and the rest of the text is corrected as usual.
    token = "bcdfgklmnaeiou" * 20_000
    painters = Lexicon("arts", (Entry("Tintoretto", lexicon="arts"),))
    result = fix(f"a painting by {token} and one by tincaretto", painters)
    assert result.text == f"a painting by {token} and one by Tintoretto"


def test_a_syllable_dropped_inside_a_rare_spelling_is_restored() -> None:
    # Recognisers drop unstressed syllables of long words they do not know; a spelling English hardly knows that is
    # a term less one syllable inside it is that term.
    lexicon = Lexicon("history", tuple(Entry(t, lexicon="history") for t in ("Constantinople", "dignitaries", "Wuhan")))
    assert fix("The fleet sailed for Constanople.", lexicon).text == "The fleet sailed for Constantinople."
    assert fix("The foreign dignities arrived at noon.", lexicon).text == "The foreign dignitaries arrived at noon."
    # Near misses: a word English knows is another word a syllable away, and a first syllable ("un-") is a word's
    # own: neither is changed.
    words = Lexicon("words", tuple(Entry(t, lexicon="words") for t in ("solidarity", "interesting", "Wuhan")))
    assert fix("the solidity of the wall", words).changes == ()
    assert fix("an uninteresting talk", words).changes == ()


# Real names English knows that sound alike but start differently: (the name in the text, the lexicon's term).
NAMES_THAT_START_DIFFERENTLY = [
    ("Gloucestershire", "Leicestershire"),
    ("Doncaster", "Lancaster"),
    ("Winchester", "Manchester"),
    ("Telford", "Salford"),
    ("Burlington", "Arlington"),
    ("Annapolis", "Minneapolis"),
    ("Henderson", "Anderson"),
    ("Robson", "Hobson"),
    ("Nixon", "Dixon"),
    ("Ronald", "Donald"),
]


@pytest.mark.parametrize(("name", "term"), NAMES_THAT_START_DIFFERENTLY, ids=lambda x: x)
def test_a_known_name_that_starts_differently_from_a_term_is_only_suggested(name: str, term: str) -> None:
    # Recognisers seldom get the start of a word wrong: a word English knows is another name, not a misheard term.
    lexicon = Lexicon("names", tuple(Entry(t, lexicon="names") for t in (term, "Wuhan", "Hangzhou")))
    text = f"She wrote to {name} last year."
    result = fix(text, lexicon)
    assert result.text == text
    assert [s.after for s in result.suggestions] in ([], [term])


def test_a_misheard_start_is_still_fixed_in_a_spelling_english_does_not_know() -> None:
    places = Lexicon("places", tuple(Entry(t, lexicon="places") for t in ("Leicestershire", "Wuhan", "Hangzhou")))
    result = fix("She moved to Gloucestershire last year.", places)
    assert result.text == "She moved to Gloucestershire last year."
    assert [s.after for s in result.suggestions] == ["Leicestershire"]  # still shown, for a person to decide
    assert fix("She moved to Lestershire last year.", places).text == "She moved to Leicestershire last year."
    assert fix("She moved to Glestershire last year.", places).text == "She moved to Leicestershire last year."


def test_an_everyday_word_is_not_made_possessive_by_sound() -> None:
    # "hotel's" sounds like "hotel", and a recogniser may drop an "'s"; but an everyday word is written without
    # one far more often, so a term that is the word made possessive is not proposed for it.
    lexicon = Lexicon("demo", tuple(Entry(t, lexicon="demo") for t in ("hotel's", "mothers'")))
    for text in ("they reached the hotel at noon", "a mother and her child"):
        assert fix(text, lexicon).changes == ()


def test_a_term_another_change_writes_is_context_once_it_is_written() -> None:
    # "gas a" sounds like Gaza, but everyday words need context; "hammas" is only heard as Hamas, the entry's
    # context word, once that change is made. The pipeline judges such spans again in the corrected text, so
    # that correcting the output a second time changes nothing.
    lexicon = Lexicon("demo", (Entry("Hamas", lexicon="demo"), Entry("Gaza", lexicon="demo", context=("Hamas",))))
    first = asrfix.correct("talks with hammas went on, aid reached gas a on monday", lexicons=[lexicon])
    assert first.text == "talks with Hamas went on, aid reached Gaza on monday"
    gaza = first.changes[1]
    assert (gaza.before, gaza.corrector) == ("gas a", "phonetic")
    assert "context 'hamas' nearby" in gaza.reason and gaza.reason.endswith("(once the other changes are made)")
    assert asrfix.correct(first.text, lexicons=[lexicon]).changes == ()
    # Without the context word the same words are only a suggestion.
    alone = asrfix.correct("aid reached gas a on monday", lexicons=[lexicon])
    assert alone.changes == () and [s.before for s in alone.suggestions] == ["gas a"]


def test_a_term_the_lexicon_corrector_writes_is_context_for_a_sound_match() -> None:
    lexicons = ["organisations", "world-places"]
    first = asrfix.correct("Talks with hammas went on. Aid reached gas a on Monday.", lexicons=lexicons)
    assert first.text == "Talks with Hamas went on. Aid reached Gaza on Monday."
    assert [c.corrector for c in first.changes] == ["lexicon", "phonetic"]
    assert asrfix.correct(first.text, lexicons=lexicons).changes == ()
