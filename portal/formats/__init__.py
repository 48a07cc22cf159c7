"""Number formats per language (Django's ``FORMAT_MODULE_PATH``), read by ``intcomma`` and
``django.utils.formats.number_format`` with the active language."""
