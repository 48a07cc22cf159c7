"""Arabic number formats for the portal (``FORMAT_MODULE_PATH``): Western digits, as the
council's Arabic pages use, with a decimal comma ("1,5 ميل", Django's own Arabic decimal
separator, as the eligibility wording and the survey charts write it), grouped with the
Arabic thousands separator (U+066C, "20٬000"): Django's own Arabic formats group with a full
stop, which reads as a decimal point. Everything not set here (dates, times) is Django's."""

DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\u066c"
NUMBER_GROUPING = 3
