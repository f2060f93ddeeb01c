from .classes import (
    Assignment,
    Completion,
    LearnerProfile,
    Membership,
    QuizAnswer,
    QuizAttempt,
    School,
    SchoolClass,
)
from .pages import (
    CoursePage,
    CourseSource,
    LearningIndexPage,
    LessonGuide,
    LessonPage,
    LessonPlant,
    LessonSource,
    ModulePage,
)

__all__ = [
    "Assignment",
    "Completion",
    "CoursePage",
    "CourseSource",
    "LearnerProfile",
    "LearningIndexPage",
    "LessonGuide",
    "LessonPage",
    "LessonPlant",
    "LessonSource",
    "Membership",
    "ModulePage",
    "QuizAnswer",
    "QuizAttempt",
    "School",
    "SchoolClass",
]
