"""Domain errors: a refused change with a message for the user; views turn them into 4xx answers."""


class DomainError(Exception):
    """A change the rules refuse; `message` is already translated for the user."""

    def __init__(self, message, *, code: str = "invalid"):
        super().__init__(message)
        self.message = message
        self.code = code
