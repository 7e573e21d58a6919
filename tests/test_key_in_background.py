"""The batch run's background key: started before the rest, waited for only when signing."""

import threading

import pytest

from csrwizard.request.key_in_background import KeyInBackground


def test_the_key_is_made_in_a_thread_of_its_own_and_handed_over():
    made_on = []

    def factory(size):
        made_on.append(threading.current_thread())
        return f"key of {size}"

    job = KeyInBackground.started(2048, factory)
    assert job.result() == "key of 2048"
    assert job.ready
    assert made_on[0] is not threading.main_thread() and job.thread_name == "key-2048"


def test_a_failed_key_is_raised_to_whoever_waits_for_it():
    def failing_factory(size):
        raise ValueError(f"{size} is not offered")

    job = KeyInBackground.started(1024, failing_factory)
    with pytest.raises(ValueError, match="1024 is not offered"):
        job.result()


def test_the_default_factory_makes_a_real_rsa_key_of_the_size_asked():
    job = KeyInBackground.started(2048)
    assert job.result().key_size == 2048
