"""Numbers from forms and query strings: anything but plain small ASCII digits is not a number."""
from core.parsing import is_int


def test_only_plain_ascii_digits_that_fit_a_database_integer_count_as_numbers():
    assert is_int("12") and is_int(7)
    for value in ("", "-1", "1.5", "²", "١٢", "1" * 10, " 1", "abc"):
        assert not is_int(value), value
