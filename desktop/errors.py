"""Errors that reach a user as one clear message, never as a traceback."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class UserError(Exception):
    """A problem the user can act on: the message names the file and what is wrong.

    The command line prints it and exits with ``exit_code``; the app shows it in a dialog.
    """

    exit_code = 2

    def __init__(self, message: str, *, path: Path | str | None = None) -> None:
        self.path = Path(path) if path is not None else None
        self.message = message
        super().__init__(f"{self.path}: {message}" if self.path is not None else message)

    def display_text(self) -> str:
        """The message for a dialog: the path isolated from the text around it, so that in
        a right-to-left language its slashes stay where they are."""
        from desktop.i18n.locales import isolated

        if self.path is None:
            return self.message
        return f"{isolated(self.path)}: {self.message}"


@contextmanager
def reading(path: Path, folder_problem: str) -> Iterator[None]:
    """Turn the operating system's reasons a file cannot be read into one UserError that
    names it; ``folder_problem`` is what to say when ``path`` is a folder."""
    from desktop.i18n import _

    try:
        yield
    except FileNotFoundError:
        raise UserError(_("does not exist"), path=path) from None
    except IsADirectoryError:
        raise UserError(folder_problem, path=path) from None
    except OSError as error:
        raise UserError(_("cannot be read: {reason}").format(reason=error.strerror),
                        path=path) from None
