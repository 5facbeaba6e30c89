# The review fields moved to abstract models in review.models: state only,
# nothing changes in the tables (help texts and a reverse name).

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('cohorts', '0009_compute_budget_and_onboarding'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='decisiontemplate',
            name='body_en',
            field=models.TextField(verbose_name='message (English)'),
        ),
        migrations.AlterField(
            model_name='decisiontemplate',
            name='body_hi',
            field=models.TextField(verbose_name='message (Hindi)'),
        ),
        migrations.AlterField(
            model_name='decisiontemplate',
            name='body_ta',
            field=models.TextField(blank=True, verbose_name='message (Tamil)'),
        ),
        migrations.AlterField(
            model_name='review',
            name='reviewer',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='%(app_label)s_reviews', to=settings.AUTH_USER_MODEL, verbose_name='reviewer'),
        ),
    ]
