"""One subscriber an address, whatever its capitals: a unique constraint on the lower-cased
address (any such pair made before was merged by 0008)."""

from django.db import migrations, models
from django.db.models.functions import Lower


class Migration(migrations.Migration):

    dependencies = [
        ('notices', '0008_subscribers_in_other_capitals_merged'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='subscriber',
            constraint=models.UniqueConstraint(Lower('email'), name='notices_one_subscriber_an_address'),
        ),
    ]
