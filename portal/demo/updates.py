"""The demo's news for families (an update, written with the forum)."""

UPDATE = {
    "title": "New bus passes for the spring term",
    "summary": "Bus passes for the spring term will arrive by post before the holidays.",
    "sections": [
        ("What is happening", "<p>We are sending new bus passes to every family who has one "
                              "now. They will arrive by post before the winter holidays.</p>",
         ["New passes arrive by post", "Before the winter holidays"]),
        ("If your pass does not arrive", "<p>Call the transport team. We will send a new one "
                                         "within two school days.</p>", []),
    ],
}
