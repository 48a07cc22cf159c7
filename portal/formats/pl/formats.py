"""Polish number formats for the portal (``FORMAT_MODULE_PATH``): Django's own (a decimal
comma, thousands grouped with a no-break space, "20 000"), named here so the rule is in one
place beside the Arabic one; everything not set here is Django's."""

DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\u00a0"
NUMBER_GROUPING = 3
