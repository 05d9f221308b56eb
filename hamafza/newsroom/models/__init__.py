from .items import NewsItem
from .listing import ItemAgency, ItemSector, ItemTag, Placement
from .media import Attachment, GalleryImage, Image
from .tags import Tag

__all__ = [
    "Attachment", "GalleryImage", "Image", "ItemAgency", "ItemSector", "ItemTag",
    "NewsItem", "Placement", "Tag",
]
