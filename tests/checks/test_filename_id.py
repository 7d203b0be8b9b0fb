from checks.conftest import FAQ
from generator.checks import filename_id


def test_id_must_match_the_file_name(run_check) -> None:
    files = {"content/faqs/f.yaml": FAQ.format(answer="A."), "content/faqs/other.yaml": FAQ.format(answer="B.").replace("id: f", "id: g")}
    assert run_check(filename_id.check, files) == [
        "content/faqs/other.yaml:1:5: error: id 'g' does not match the file name 'other.yaml'; rename one to match the other"
    ]
