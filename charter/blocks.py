"""StreamField blocks for the charter and the working agreement."""

from wagtail import blocks


class CommitmentBlock(blocks.StructBlock):
    our_commitment = blocks.CharBlock(max_length=300, label="Our commitment")
    what_this_means = blocks.TextBlock(label="What this means",
                                       help_text="In practice, for a family or a partner.")

    class Meta:
        icon = "tick"
        label = "Commitment"


class CommitmentThemeBlock(blocks.StructBlock):
    theme = blocks.CharBlock(max_length=120)
    commitments = blocks.ListBlock(CommitmentBlock(), min_num=1)

    class Meta:
        icon = "folder-open-inverse"
        label = "Commitments on a theme"


class StatementListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    statements = blocks.ListBlock(blocks.CharBlock(max_length=300, label="Statement"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = "List of statements"


class SignatoryBlock(blocks.StructBlock):
    organisation = blocks.CharBlock(max_length=150)
    role = blocks.CharBlock(max_length=150, help_text="A role, not a person's name.")

    class Meta:
        icon = "user"
        label = "Signatory"


class ClauseBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, required=False,
                               help_text="Optional: a few words saying what the clause is about.")
    text = blocks.TextBlock()

    class Meta:
        icon = "doc-full"
        label = "Clause"
