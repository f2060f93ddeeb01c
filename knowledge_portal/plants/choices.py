"""Controlled vocabularies of plant profiles (labels translated in locale/)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Layer(models.TextChoices):
    """Chakra layers, from the ground up."""

    GROUND = "ground", _("ground cover")
    HERB = "herb", _("herbs")
    SHRUB = "shrub", _("shrubs")
    UNDERSTORY = "understory", _("understory")
    CANOPY = "canopy", _("canopy")
    EMERGENT = "emergent", _("emergent trees")
    CLIMBER = "climber", _("climbers")


class LifeCycle(models.TextChoices):
    SHORT = "short", _("short (under a year)")
    MEDIUM = "medium", _("medium (one to five years)")
    LONG = "long", _("long (many years)")


class UseCategory(models.TextChoices):
    STAPLE_FOOD = "staple-food", _("staple food")
    COMMERCIAL = "commercial", _("commercial crop")
    AMAZONIAN_FRUIT = "amazonian-fruit", _("Amazonian fruit")
    MEDICINAL = "medicinal", _("medicinal")
    RITUAL = "ritual", _("ritual")
    TIMBER = "timber", _("timber")
    SHADE = "shade", _("shade")
    SPICE = "spice", _("spice")
    BEVERAGE = "beverage", _("beverage")
    DYE = "dye", _("dye and body paint")
    FIBRE = "fibre", _("fibre")
    SOIL = "soil", _("soil care")
    FODDER = "fodder", _("fodder")


class PlantPart(models.TextChoices):
    ROOT = "root", _("root")
    TUBER = "tuber", _("tuber")
    STEM = "stem", _("stem")
    BARK = "bark", _("bark")
    LEAF = "leaf", _("leaf")
    FLOWER = "flower", _("flower")
    FRUIT = "fruit", _("fruit")
    SEED = "seed", pgettext_lazy("plant part", "seed")
    SAP = "sap", _("sap")
    WOOD = "wood", _("wood")
    WHOLE_PLANT = "whole-plant", _("whole plant")


class PropagationMethod(models.TextChoices):
    SEED = "seed", pgettext_lazy("propagation", "seed")
    CUTTING = "cutting", _("cutting")
    SUCKER = "sucker", _("sucker")
    GRAFTING = "grafting", _("grafting")
    LAYERING = "layering", _("layering")
    DIVISION = "division", _("division")
    TUBER = "tuber", _("tuber pieces")
    RHIZOME = "rhizome", _("rhizome")
