"""Logging filters: personal numbers never reach a log file."""
import logging
import re

# An 18-character resident ID number or an 11-digit mainland mobile number, not inside a longer run of digits.
ID_NUMBER_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])(\d{6})\d{8}(\d{3}[\dXx])(?![0-9A-Za-z])")
MOBILE_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])(1[3-9]\d)\d{4}(\d{4})(?![0-9A-Za-z])")


def mask_personal_numbers(text: str) -> str:
    """Return `text` with the middle of every ID number and mobile number replaced by stars."""
    text = ID_NUMBER_IN_TEXT.sub(r"\1********\2", text)
    return MOBILE_IN_TEXT.sub(r"\1****\2", text)


class MaskPersonalNumbersFilter(logging.Filter):
    """Mask ID and mobile numbers in the message, its arguments and any traceback of a log record."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: logging reports it itself, leave the record as it is
            return True
        masked = mask_personal_numbers(message)
        if masked != message:
            record.msg, record.args = masked, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_personal_numbers(record.exc_text)
        return True
