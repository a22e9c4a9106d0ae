"""The translators' workflow: extracting, updating, compiling and checking the gettext
catalogs, and the directory's content through the same tools (``i18n content-export`` /
``content-import``). The running app never imports this package: ``desktop.i18n`` is
only what a screen needs to speak a language."""
