"""Arabic number formats for the portal (``FORMAT_MODULE_PATH``): Western digits, as the
council's Arabic pages use, grouped with the Arabic thousands separator (U+066C, "20٬000"),
with the Arabic decimal separator (U+066B). Django's own Arabic formats group with a full stop,
which reads as a decimal point; everything not set here (dates, times) is Django's."""

DECIMAL_SEPARATOR = "\u066b"
THOUSAND_SEPARATOR = "\u066c"
NUMBER_GROUPING = 3
