"""Load the provinces and the known exam calendar 2019–2025 (DOMAIN.md §4). Dates marked ≈ are approximate."""
import datetime

from django.db import migrations

PROVINCES = [
    ("11", "北京", "Beijing"), ("12", "天津", "Tianjin"), ("13", "河北", "Hebei"), ("14", "山西", "Shanxi"),
    ("15", "内蒙古", "Inner Mongolia"), ("21", "辽宁", "Liaoning"), ("22", "吉林", "Jilin"),
    ("23", "黑龙江", "Heilongjiang"), ("31", "上海", "Shanghai"), ("32", "江苏", "Jiangsu"),
    ("33", "浙江", "Zhejiang"), ("34", "安徽", "Anhui"), ("35", "福建", "Fujian"), ("36", "江西", "Jiangxi"),
    ("37", "山东", "Shandong"), ("41", "河南", "Henan"), ("42", "湖北", "Hubei"), ("43", "湖南", "Hunan"),
    ("44", "广东", "Guangdong"), ("45", "广西", "Guangxi"), ("46", "海南", "Hainan"), ("50", "重庆", "Chongqing"),
    ("51", "四川", "Sichuan"), ("52", "贵州", "Guizhou"), ("53", "云南", "Yunnan"), ("54", "西藏", "Tibet"),
    ("61", "陕西", "Shaanxi"), ("62", "甘肃", "Gansu"), ("63", "青海", "Qinghai"), ("64", "宁夏", "Ningxia"),
    ("65", "新疆", "Xinjiang"), ("66", "新疆生产建设兵团", "Xinjiang Production and Construction Corps"),
]

D = datetime.date
# (year, sittings, results published, notes)
EXAM_YEARS = [
    (2019, [(D(2019, 11, 16), D(2019, 11, 17), "")], D(2020, 1, 10), "成绩公布日期约为 2020 年初 (≈)"),
    (2020, [(D(2020, 11, 14), D(2020, 11, 15), "")], D(2021, 1, 8), ""),
    (2021, [(D(2021, 10, 16), D(2021, 10, 17), "")], D(2021, 12, 31), "成绩约于年末公布 (≈)"),
    (
        2022,
        [(D(2022, 10, 29), D(2022, 10, 30), ""), (D(2022, 11, 26), D(2022, 11, 27), "延期地区补考 / postponed areas")],
        D(2023, 2, 10),
        "成绩于 2023 年初公布 (≈)",
    ),
    (2023, [(D(2023, 10, 28), D(2023, 10, 29), "")], D(2023, 12, 22), "成绩于 2023 年 12 月下旬公布 (≈)"),
    (2024, [(D(2024, 10, 26), D(2024, 10, 27), "")], D(2024, 12, 27), "成绩于 2024 年 12 月下旬公布 (≈)"),
    (2025, [(D(2025, 10, 25), D(2025, 10, 26), "")], D(2025, 12, 26), ""),
]


def load(apps, schema_editor):
    Province = apps.get_model("candidates", "Province")
    ExamYear = apps.get_model("candidates", "ExamYear")
    Sitting = apps.get_model("candidates", "Sitting")
    for code, name_zh, name_en in PROVINCES:
        Province.objects.update_or_create(code=code, defaults={"name_zh": name_zh, "name_en": name_en})
    for year, sittings, published, notes in EXAM_YEARS:
        exam_year, _ = ExamYear.objects.update_or_create(
            year=year, defaults={"results_published_on": published, "notes": notes}
        )
        for starts_on, ends_on, note in sittings:
            Sitting.objects.update_or_create(
                exam_year=exam_year, starts_on=starts_on, defaults={"ends_on": ends_on, "note": note}
            )


def unload(apps, schema_editor):
    apps.get_model("candidates", "Sitting").objects.filter(exam_year__year__in=[y[0] for y in EXAM_YEARS]).delete()
    apps.get_model("candidates", "ExamYear").objects.filter(year__in=[y[0] for y in EXAM_YEARS]).delete()
    apps.get_model("candidates", "Province").objects.filter(code__in=[p[0] for p in PROVINCES]).delete()


class Migration(migrations.Migration):
    dependencies = [("candidates", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
