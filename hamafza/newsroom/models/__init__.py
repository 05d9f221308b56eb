from .comments import Comment, CorrectionNote
from .items import NewsItem
from .locks import EditLock
from .listing import ItemAgency, ItemSector, ItemTag, Placement
from .media import Attachment, GalleryImage, Image
from .revisions import Revision
from .tags import Tag
from .videos import Video

__all__ = [
    "Attachment", "Comment", "CorrectionNote", "EditLock", "GalleryImage", "Image", "ItemAgency", "ItemSector", "ItemTag",
    "NewsItem", "Placement", "Revision", "Tag", "Video",
]
