# Randevu saatlerinde sık yapılan yazım hataları: hour yerine hours, minutes yerine minute.
from datetime import datetime, timedelta

randevu = datetime(2024, 5, 1, 9, 30)
print(randevu.replace(2025, 6), randevu.replace(minute=45))
print(randevu + timedelta(hours=1, minutes=15))
for yanlış in [
    lambda: randevu.replace(hours=14),
    lambda: timedelta(minute=45),
    lambda: datetime(2024, 5, 1, hours=9),
    lambda: randevu.replace(day=1.5),
    lambda: randevu.weekday(1),
    lambda: timedelta(days=1).total_seconds(2),
]:
    try:
        print(yanlış())
    except TypeError as e:
        print("TypeError:", e)
print(datetime(2024, 5, 1, 9, 30, 0, 0, None))
