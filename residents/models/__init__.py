from .access import EntryPoint, HouseholdSession, OneTimeCode
from .notices import KeyConsent, MatterWatch, Notice, NoticeKind
from .surveys import (
                      Answer,
                      AnswerChannel,
                      Campaign,
                      MatterRating,
                      Question,
                      QuestionKind,
                      Questionnaire,
                      Response,
                      Sample,
)

__all__ = ["Answer", "AnswerChannel", "Campaign", "EntryPoint", "HouseholdSession", "KeyConsent", "MatterRating",
           "MatterWatch", "Notice", "NoticeKind", "OneTimeCode", "Question", "QuestionKind", "Questionnaire",
           "Response", "Sample"]
