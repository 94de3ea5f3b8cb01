"""The synthetic population's ID numbers: valid and distinct at national scale (a million and more)."""
from candidates.benchmark.population import synthetic_id_number
from candidates.validators import validate_id_number


def test_synthetic_id_numbers_are_valid_and_distinct_beyond_a_million():
    numbers = [synthetic_id_number(n) for n in range(0, 1_100_000, 7)]
    assert len(set(numbers)) == len(numbers)
    assert synthetic_id_number(1) != synthetic_id_number(336_001)  # a collision of an earlier scheme
    for number in numbers[::1000]:
        validate_id_number(number)
