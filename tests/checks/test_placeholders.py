from checks.conftest import FAQ, SOURCE
from generator.checks import placeholders


def test_a_placeholder_the_scaffold_wrote_is_refused_where_it_stands(run_check) -> None:
    files = {"content/faqs/f.yaml": FAQ.format(answer="'REPLACE: the answer, in your own words.'")}
    assert run_check(placeholders.check, files) == [
        ("content/faqs/f.yaml:3:9: error: answer is still the placeholder that `new` wrote "
        "('REPLACE: the answer, in your own words.'); write the real text")
    ]


def test_the_placeholder_address_is_refused(run_check) -> None:
    source = SOURCE.replace("https://example.org/", "https://example.org/REPLACE-with-the-page-address")
    assert [line.split(": ", 2)[2] for line in run_check(placeholders.check, {"content/sources/s.yaml": source})] == [
        "url is still the placeholder that `new` wrote ('https://example.org/REPLACE-with-the-page-address'); write the real text"
    ]


def test_the_word_elsewhere_in_a_text_is_fine(run_check) -> None:
    files = {"content/faqs/f.yaml": FAQ.format(answer="'Ask support to REPLACE: nothing here is a placeholder.'")}
    assert run_check(placeholders.check, files) == []
