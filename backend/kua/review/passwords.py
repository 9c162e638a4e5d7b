"""What a reviewer's password must be: long, not blank, not one character repeated, not a known one.

"Known" is zxcvbn's judgement (the `zxcvbn` package, a port of Dropbox's estimator): it holds lists of
the most used and leaked passwords, words and names, and sees keyboard walks, sequences, repeats and
dates. A password it expects to fall within 10^8 guesses (score below 3) is refused: at that size an
attacker with the database's Argon2 hashes, or a patient online guesser, gets through. Only the first
72 characters are scored (zxcvbn's own bound: its time grows fast with the length, 0.1 s at 72); a
password whose first 72 characters are strong is strong.

The console checks the first three rules before sending (frontend/src/console/screens/accountRules.ts)
and shows the server's refusal for the fourth; the server checks all four, whatever sent the password.
"""

from zxcvbn import zxcvbn

from kua.review.errors import (
    PasswordBlankError,
    PasswordCommonError,
    PasswordLengthError,
    PasswordRepeatedError,
)

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 1024  # hashing is costly; a bound keeps a huge "password" from being a weapon
MIN_SCORE = 3  # zxcvbn: at least 10^8 guesses
SCORED_LENGTH = 72
WORDS_OF_KUA = ["kua", "kordai", "kordaj", "qordai", "witness", "coalition", "review", "reviewer"]


def check_password(password: str, *, name: str) -> None:
    """Refuse `password` for the reviewer called `name`, with the first rule it breaks."""
    if len(password) < MIN_PASSWORD_LENGTH or len(password) > MAX_PASSWORD_LENGTH:
        raise PasswordLengthError(
            f"A password must have at least {MIN_PASSWORD_LENGTH} characters (and at most {MAX_PASSWORD_LENGTH})."
        )
    if not password.strip():
        raise PasswordBlankError()
    if len(set(password)) == 1:
        raise PasswordRepeatedError()
    scored = zxcvbn(password[:SCORED_LENGTH], user_inputs=[name, *WORDS_OF_KUA], max_length=SCORED_LENGTH)
    if scored["score"] < MIN_SCORE:
        raise PasswordCommonError()
