"""The six sectors (شقوق حمل و نقل and the ministry's other fields). `hamafza setup` creates them
on a real installation too; the slug is the Persian name (see persian.slugs)."""

SECTORS = [
    {"code": "road", "name": "جاده‌ای", "color": "#b45309"},
    {"code": "rail", "name": "ریلی", "color": "#7c2d12"},
    {"code": "maritime", "name": "دریایی", "color": "#1d4ed8"},
    {"code": "air", "name": "هوایی", "color": "#0369a1"},
    {"code": "urban", "name": "شهری و مسکن", "color": "#6d28d9"},
    {"code": "meteorology", "name": "هواشناسی", "color": "#0f766e"},
]
