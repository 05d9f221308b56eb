"""The agencies and councils of the demo. Contacts are plausible but fake (the .example domain,
made-up numbers); social handles end in «_demo»."""

# key: used by news.py and people.py; emblem: the symbol drawn on the logo (demo.drawing).
AGENCIES = [
    {
        "key": "hq", "name": "وزارت راه و شهرسازی", "short_name": "وزارت راه و شهرسازی",
        "slug": "وزارت-راه-و-شهرسازی", "kind": "ministry", "parent": None,
        "sectors": ["road", "rail", "maritime", "air", "urban", "meteorology"], "color": "#1e3a8a", "emblem": "ministry",
        "about": "ستاد وزارت راه و شهرسازی سیاست‌گذاری حمل و نقل جاده‌ای، ریلی، دریایی و هوایی و نیز مسکن و "
                 "توسعه شهری کشور را بر عهده دارد و ادارات کل و شرکت‌های استانی زیرمجموعه آن هستند.",
        "phone": "021-88001000", "email": "pr@mrud.example", "address": "تهران، بزرگراه شهید همت، ساختمان ستاد وزارت راه و شهرسازی",
        "website": "https://mrud.example", "social": "mrud_demo",
    },
    {
        "key": "rahshahr", "name": "اداره کل راه و شهرسازی خوزستان", "short_name": "راه و شهرسازی خوزستان",
        "slug": "راه-و-شهرسازی-خوزستان", "kind": "directorate", "parent": "hq",
        "sectors": ["urban", "road"], "color": "#0f766e", "emblem": "urban",
        "about": "اداره کل راه و شهرسازی خوزستان مجری طرح‌های مسکن، تأمین زمین، ساخت راه‌های اصلی و "
                 "بزرگراه‌های استان است و ریاست شورای هماهنگی روابط عمومی‌های دستگاه‌های وزارت راه و "
                 "شهرسازی در خوزستان را بر عهده دارد.",
        "phone": "061-33360000", "email": "pr@rah-khz.example", "address": "اهواز، کیانپارس، خیابان شهید مطهری، اداره کل راه و شهرسازی",
        "website": "https://rah-khz.example", "social": "rahshahr_khz_demo",
    },
    {
        "key": "rahdari", "name": "اداره کل راهداری و حمل و نقل جاده‌ای خوزستان", "short_name": "راهداری خوزستان",
        "slug": "راهداری-و-حمل-و-نقل-جاده-ای-خوزستان", "kind": "directorate", "parent": "hq",
        "sectors": ["road"], "color": "#b45309", "emblem": "road",
        "about": "نگهداری بیش از ده هزار کیلومتر راه استان، راهداری زمستانی، ایمنی راه‌ها، پایانه‌های مسافری "
                 "و باری و نظارت بر ناوگان حمل و نقل جاده‌ای خوزستان بر عهده این اداره کل است.",
        "phone": "061-34450000", "email": "pr@rahdari-khz.example", "address": "اهواز، بلوار پاسداران، اداره کل راهداری و حمل و نقل جاده‌ای",
        "website": "https://rahdari-khz.example", "social": "rahdari_khz_demo",
    },
    {
        "key": "rai", "name": "شرکت راه‌آهن جمهوری اسلامی ایران", "short_name": "راه‌آهن ج.ا.ا",
        "slug": "راه-آهن-جمهوری-اسلامی-ایران", "kind": "company", "parent": "hq",
        "sectors": ["rail"], "color": "#7c2d12", "emblem": "rail",
        "about": "شرکت راه‌آهن جمهوری اسلامی ایران بهره‌برداری از شبکه ریلی کشور را بر عهده دارد و نواحی "
                 "ریلی استان‌ها زیرمجموعه آن هستند.",
        "phone": "021-55120000", "email": "pr@rai.example", "address": "تهران، میدان راه‌آهن، ساختمان مرکزی راه‌آهن",
        "website": "https://rai.example", "social": "rai_demo",
    },
    {
        "key": "rail", "name": "راه‌آهن ناحیه جنوب", "short_name": "راه‌آهن جنوب",
        "slug": "راه-آهن-ناحیه-جنوب", "kind": "company", "parent": "rai",
        "sectors": ["rail"], "color": "#9a3412", "emblem": "rail",
        "about": "راه‌آهن ناحیه جنوب با مرکزیت اهواز، خطوط ریلی خوزستان از اندیمشک تا بندر امام خمینی و "
                 "خرمشهر را اداره می‌کند و حمل بار بنادر و سیر قطارهای مسافری استان را بر عهده دارد.",
        "phone": "061-32210000", "email": "pr@rail-south.example", "address": "اهواز، میدان راه‌آهن، ساختمان ناحیه جنوب",
        "website": "https://rail-south.example", "social": "rail_south_demo",
    },
    {
        "key": "ports", "name": "اداره کل بنادر و دریانوردی خوزستان", "short_name": "بنادر و دریانوردی خوزستان",
        "slug": "بنادر-و-دریانوردی-خوزستان", "kind": "directorate", "parent": "hq",
        "sectors": ["maritime"], "color": "#1d4ed8", "emblem": "maritime",
        "about": "اداره کل بنادر و دریانوردی خوزستان بندر امام خمینی، بندر خرمشهر، بندر آبادان و اسکله‌های "
                 "ماهشهر را اداره می‌کند و ایمنی دریانوردی در آب‌های شمال خلیج فارس و اروندرود را بر عهده دارد.",
        "phone": "061-52280000", "email": "pr@ports-khz.example", "address": "بندر امام خمینی، ساختمان اداری بندر",
        "website": "https://ports-khz.example", "social": "ports_khz_demo",
    },
    {
        "key": "airports", "name": "اداره کل فرودگاه‌های استان خوزستان", "short_name": "فرودگاه‌های خوزستان",
        "slug": "فرودگاه-های-خوزستان", "kind": "company", "parent": "hq",
        "sectors": ["air"], "color": "#0369a1", "emblem": "air",
        "about": "فرودگاه‌های اهواز، آبادان، دزفول، امیدیه و مسجدسلیمان زیر نظر این اداره کل از شرکت "
                 "فرودگاه‌ها و ناوبری هوایی ایران اداره می‌شوند.",
        "phone": "061-34430000", "email": "pr@airports-khz.example", "address": "اهواز، فرودگاه بین‌المللی شهید سپهبد قاسم سلیمانی",
        "website": "https://airports-khz.example", "social": "airports_khz_demo",
    },
    {
        "key": "meteo", "name": "اداره کل هواشناسی خوزستان", "short_name": "هواشناسی خوزستان",
        "slug": "هواشناسی-خوزستان", "kind": "directorate", "parent": "hq",
        "sectors": ["meteorology"], "color": "#0e7490", "emblem": "meteorology",
        "about": "پیش‌بینی وضع هوا، صدور هشدارهای هواشناسی، پایش گرد و غبار و خدمات هواشناسی دریایی، "
                 "هوانوردی و جاده‌ای استان بر عهده اداره کل هواشناسی خوزستان است.",
        "phone": "061-33380000", "email": "pr@meteo-khz.example", "address": "اهواز، کوی ملت، اداره کل هواشناسی",
        "website": "https://meteo-khz.example", "social": "meteo_khz_demo",
    },
    {
        "key": "infra", "name": "اداره کل ساخت و توسعه زیربناهای حمل و نقل خوزستان", "short_name": "ساخت و توسعه زیربناها",
        "slug": "ساخت-و-توسعه-زیربناهای-حمل-و-نقل-خوزستان", "kind": "directorate", "parent": "hq",
        "sectors": ["road", "rail"], "color": "#4d7c0f", "emblem": "road",
        "about": "ساخت آزادراه‌ها، بزرگراه‌ها، راه‌آهن‌ها، پل‌ها و تونل‌های بزرگ استان، از جمله طرح‌های "
                 "اتصال ریلی به مرزها، بر عهده این اداره کل است.",
        "phone": "061-33790000", "email": "pr@infra-khz.example", "address": "اهواز، زیتون کارمندی، خیابان زاویه",
        "website": "https://infra-khz.example", "social": "infra_khz_demo",
    },
    {
        "key": "regen", "name": "بازآفرینی شهری و مسکن خوزستان", "short_name": "بازآفرینی شهری خوزستان",
        "slug": "بازآفرینی-شهری-خوزستان", "kind": "company", "parent": "hq",
        "sectors": ["urban"], "color": "#6d28d9", "emblem": "urban",
        "about": "بهسازی بافت‌های فرسوده و سکونتگاه‌های غیررسمی، نوسازی محله‌ها و تأمین خدمات محله‌ای در "
                 "شهرهای خوزستان با مشارکت مردم و شهرداری‌ها.",
        "phone": "061-33920000", "email": "pr@regen-khz.example", "address": "اهواز، امانیه، خیابان سقراط",
        "website": "https://regen-khz.example", "social": "regen_khz_demo",
    },
    {
        "key": "ostandari", "name": "اداره کل روابط عمومی و امور بین‌الملل استانداری خوزستان",
        "short_name": "روابط عمومی استانداری خوزستان", "slug": "روابط-عمومی-استانداری-خوزستان",
        "kind": "governorate", "parent": None, "sectors": [], "color": "#be123c", "emblem": "star",
        "about": "اداره کل روابط عمومی و امور بین‌الملل استانداری خوزستان اطلاع‌رسانی دستگاه‌های اجرایی "
                 "استان را هماهنگ می‌کند و بر کار روابط عمومی‌ها نظارت دارد.",
        "phone": "061-32920000", "email": "pr@ostandari-khz.example", "address": "اهواز، خیابان استانداری، ساختمان استانداری خوزستان",
        "website": "https://ostandari-khz.example", "social": "ostandari_khz_demo",
    },
    {
        "key": "amoozesh", "name": "اداره کل آموزش و پرورش خوزستان", "short_name": "آموزش و پرورش خوزستان",
        "slug": "آموزش-و-پرورش-خوزستان", "kind": "directorate", "parent": None,
        "sectors": [], "color": "#ca8a04", "emblem": "book",
        "about": "اداره کل آموزش و پرورش خوزستان مدارس استان را اداره می‌کند و در شورای اطلاع‌رسانی "
                 "استانداری عضو است.",
        "phone": "061-33330000", "email": "pr@amoozesh-khz.example", "address": "اهواز، کیانپارس، خیابان نهم غربی",
        "website": "https://amoozesh-khz.example", "social": "amoozesh_khz_demo",
    },
]

COUNCILS = [
    {
        # The first council: it answers every host name no other council claims.
        "key": "khz",
        "name": "شورای هماهنگی روابط عمومی‌های دستگاه‌های وزارت راه و شهرسازی در خوزستان",
        "short_name": "شورای روابط عمومی‌های راه و شهرسازی خوزستان",
        "slug": "راه-و-شهرسازی-خوزستان", "region": "استان خوزستان", "hostname": None,
        "head": "rahshahr", "color": "#0f766e",
        "portal_title": "هم‌افزا؛ درگاه خبری حمل و نقل و مسکن خوزستان",
        "portal_tagline": "اخبار جاده، ریل، دریا، هوا، مسکن و هواشناسی خوزستان از زبان دستگاه‌های مسئول",
        "members": ["rahshahr", "rahdari", "rail", "ports", "airports", "meteo", "infra", "regen"],
        "observers": ["ostandari", "hq"],
    },
    {
        "key": "ostan",
        "name": "شورای اطلاع‌رسانی دستگاه‌های اجرایی استان خوزستان",
        "short_name": "شورای اطلاع‌رسانی استان خوزستان",
        "slug": "اطلاع-رسانی-استان-خوزستان", "region": "استان خوزستان", "hostname": "ostan.localhost",
        "head": "ostandari", "color": "#be123c",
        "portal_title": "درگاه اطلاع‌رسانی دستگاه‌های اجرایی خوزستان",
        "portal_tagline": "گزارش خدمات دستگاه‌های اجرایی استان به مردم",
        "members": ["ostandari", "meteo", "rahdari", "amoozesh"],
        "observers": [],
    },
]
