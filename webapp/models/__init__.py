"""All tables. Importing this package registers every model on `Base.metadata`."""
from .base import Base, opaque_id, utcnow  # noqa: F401
from .backpack import *  # noqa: F401,F403
from .credentials import IssuerKey  # noqa: F401
from .accounts import *  # noqa: F401,F403
from .sharing import *  # noqa: F401,F403
from .exports import ExportLog  # noqa: F401
from .school import *  # noqa: F401,F403
from .portfolio import *  # noqa: F401,F403
