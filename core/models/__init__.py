from .audit import AuditChainHead, AuditEvent, AuditGuard
from .channels import ChannelDelivery
from .jobs import Job, JobState
from .notifications import Notification
from .numbering import SerialCounter
from .people import Department, Membership, Resident, ResidentKind, User
from .policy import Policy
from .records import Attachment, AttachmentKind, Signature, SignatureMethod
from .security import AddressThrottle, LoginThrottle
from .tenancy import Building, Company, Project, Unit

__all__ = [
    "AddressThrottle", "Attachment", "AttachmentKind", "AuditChainHead", "AuditEvent", "AuditGuard", "Building", "ChannelDelivery", "Company",
    "Department", "Job", "JobState", "LoginThrottle", "Membership", "Notification", "Policy", "Project", "Resident", "ResidentKind", "SerialCounter", "Signature",
    "SignatureMethod", "Unit", "User",
]
