"""Migrant Community Directory: an offline, multilingual directory for migrants."""

__version__ = "0.1.0"
APP_NAME = "Migrant Community Directory"
APP_ID = "migrant-directory"
