"""The one place that translates: gettext functions, the current language, text direction,
the language list and locale-aware formatting.

Every user-visible string goes through here::

    from desktop.i18n import _, ngettext, pgettext, N_

    label.setText(_("Search"))
    ngettext("%(count)d result", "%(count)d results", n) % {"count": n}

No Qt here: ``desktop.i18n.qt`` switches Qt's own translations and layout direction.
"""

from __future__ import annotations

from desktop.i18n.formatting import (
    country_name,
    format_date,
    format_datetime,
    format_distance_km,
    format_list,
    format_number,
    format_time,
    language_name,
    weekday_name,
)
from desktop.i18n.languages import Language, available_languages, language, translation_status
from desktop.i18n.locales import (
    PSEUDO_ENV,
    PSEUDO_LOCALES,
    SHIPPED_LOCALES,
    SOURCE_LOCALE,
    isolated,
    system_locale,
)
from desktop.i18n.runtime import (
    N_,
    current_locale,
    is_rtl,
    ngettext,
    npgettext,
    pgettext,
    reload_catalogs,
    set_language,
    text_direction,
)
from desktop.i18n.runtime import gettext_ as _
from desktop.i18n.runtime import gettext_ as gettext

__all__ = [
    "N_",
    "PSEUDO_ENV",
    "PSEUDO_LOCALES",
    "SHIPPED_LOCALES",
    "SOURCE_LOCALE",
    "Language",
    "_",
    "available_languages",
    "country_name",
    "current_locale",
    "format_date",
    "format_datetime",
    "format_distance_km",
    "format_list",
    "format_number",
    "format_time",
    "gettext",
    "is_rtl",
    "isolated",
    "language",
    "language_name",
    "ngettext",
    "npgettext",
    "pgettext",
    "reload_catalogs",
    "set_language",
    "system_locale",
    "text_direction",
    "translation_status",
    "weekday_name",
]
