"""One demo user per persona. All share the demo password; `totp` marks a pre-enrolled
authenticator (heads, secretariat, administrator)."""

PASSWORD = "demo-1405"

# (username, first name, last name, job title, agency key or None, membership role or None)
AGENCY_PEOPLE = [
    ("rahshahr-head", "نرگس", "موسوی", "رئیس اداره ارتباطات و اطلاع‌رسانی", "rahshahr", "head"),
    ("rahshahr-staff", "علی", "عساکره", "کارشناس روابط عمومی", "rahshahr", "staff"),
    ("rahdari-head", "حمید", "ساکی", "مدیر روابط عمومی", "rahdari", "head"),
    ("rahdari-staff", "زهرا", "نیسی", "کارشناس روابط عمومی", "rahdari", "staff"),
    ("rail-head", "مهدی", "بهبهانی", "مدیر روابط عمومی", "rail", "head"),
    ("rail-staff", "فاطمه", "کعبی", "کارشناس روابط عمومی", "rail", "staff"),
    ("ports-head", "رضا", "دشتی", "مدیر روابط عمومی", "ports", "head"),
    ("ports-staff", "مریم", "قنواتی", "کارشناس روابط عمومی", "ports", "staff"),
    ("airports-head", "سعید", "حیدری", "مدیر روابط عمومی", "airports", "head"),
    ("airports-staff", "لیلا", "طاهری", "کارشناس روابط عمومی", "airports", "staff"),
    ("meteo-head", "پروین", "زارعی", "مدیر روابط عمومی", "meteo", "head"),
    ("meteo-staff", "امیر", "شریفی", "کارشناس روابط عمومی", "meteo", "staff"),
    ("infra-head", "کاظم", "جعفری", "مدیر روابط عمومی", "infra", "head"),
    ("infra-staff", "سارا", "کریمی", "کارشناس روابط عمومی", "infra", "staff"),
    ("regen-head", "محسن", "بختیاری", "مدیر روابط عمومی", "regen", "head"),
    ("regen-staff", "الهام", "رضایی", "کارشناس روابط عمومی", "regen", "staff"),
    ("ostandari-head", "جواد", "احمدی", "مدیرکل روابط عمومی و امور بین‌الملل", "ostandari", "head"),
    ("amoozesh-head", "شهلا", "منصوری", "مدیر روابط عمومی", "amoozesh", "head"),
    ("amoozesh-staff", "یوسف", "چنانی", "کارشناس روابط عمومی", "amoozesh", "staff"),
]

# (username, first name, last name, job title, council key, council role)
COUNCIL_PEOPLE = [
    ("dabir", "سمیه", "عبیات", "دبیر شورای هماهنگی روابط عمومی‌ها", "khz", "secretariat"),
    ("dabir-ostan", "کیوان", "نوروزی", "دبیر شورای اطلاع‌رسانی استان", "ostan", "secretariat"),
    ("nazer", "بهروز", "فرجی", "کارشناس نظارت، روابط عمومی استانداری", "khz", "observer"),
    ("nazer", "بهروز", "فرجی", "کارشناس نظارت، روابط عمومی استانداری", "ostan", "observer"),
]

ADMIN = ("admin", "مدیر", "سامانه", "مدیر فنی هم‌افزا")
