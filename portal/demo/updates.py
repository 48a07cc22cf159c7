"""The demo's news for families (an update, written with the forum)."""

UPDATE = {
    "title": "New bus passes for the spring term",
    "summary": "New bus passes for the spring term will come in the post before the break.",
    "sections": [
        ("What is happening", "<p>Each family that has a bus pass now will get a new one. "
                              "We will send it by post. It will reach you before the "
                              "winter break.</p>",
         ["New passes come by post", "They reach you before the winter break"]),
        ("If your pass does not arrive", "<p>Call the transport team. We will send a new one "
                                         "within two school days.</p>", []),
    ],
}
