from visits.models.localized import LocalizedText


def test_each_language_reads_its_own_variant():
    text = LocalizedText(ru="Акимат", kk="Әкімдік", en="Akimat")
    assert [text.get(lang) for lang in ("ru", "kk", "en")] == ["Акимат", "Әкімдік", "Akimat"]
    assert text.missing() == ()


def test_kazakh_falls_back_to_russian_then_english():
    assert LocalizedText(ru="Акимат", en="Akimat").get("kk") == "Акимат"
    assert LocalizedText(en="Akimat").get("kk") == "Akimat"


def test_english_falls_back_to_russian():
    assert LocalizedText(ru="Акимат", kk="Әкімдік").get("en") == "Акимат"


def test_missing_lists_the_languages_without_a_variant():
    text = LocalizedText(ru="Акимат", kk="")
    assert text.missing() == ("kk", "en")
    assert text.has("ru") and not text.has("kk")


def test_empty_text_is_false_and_reads_as_empty():
    assert not LocalizedText()
    assert LocalizedText().get("ru") == ""


def test_unknown_language_reads_like_russian():
    assert LocalizedText(ru="Акимат", en="Akimat").get("de") == "Акимат"
