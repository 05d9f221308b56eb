"""Hamafza (هم‌افزا): a joint public-relations platform for councils of public agencies."""
