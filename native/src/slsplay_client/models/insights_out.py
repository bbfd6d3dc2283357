from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.answers_in_hour_out import AnswersInHourOut
  from ..models.funnel_out import FunnelOut
  from ..models.reminder_out import ReminderOut
  from ..models.revenue_of_day_out import RevenueOfDayOut





T = TypeVar("T", bound="InsightsOut")



@_attrs_define
class InsightsOut:
    """ 
        Attributes:
            answers_by_hour (list[AnswersInHourOut]): Hours with answers, ascending.
            funnel (FunnelOut):
            reminders (list[ReminderOut]):
            revenue_by_day (list[RevenueOfDayOut]):
     """

    answers_by_hour: list[AnswersInHourOut]
    funnel: FunnelOut
    reminders: list[ReminderOut]
    revenue_by_day: list[RevenueOfDayOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.answers_in_hour_out import AnswersInHourOut # noqa: PLC0415
        from ..models.funnel_out import FunnelOut # noqa: PLC0415
        from ..models.reminder_out import ReminderOut # noqa: PLC0415
        from ..models.revenue_of_day_out import RevenueOfDayOut # noqa: PLC0415
        answers_by_hour = []
        for answers_by_hour_item_data in self.answers_by_hour:
            answers_by_hour_item = answers_by_hour_item_data.to_dict()
            answers_by_hour.append(answers_by_hour_item)



        funnel = self.funnel.to_dict()

        reminders = []
        for reminders_item_data in self.reminders:
            reminders_item = reminders_item_data.to_dict()
            reminders.append(reminders_item)



        revenue_by_day = []
        for revenue_by_day_item_data in self.revenue_by_day:
            revenue_by_day_item = revenue_by_day_item_data.to_dict()
            revenue_by_day.append(revenue_by_day_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "answers_by_hour": answers_by_hour,
            "funnel": funnel,
            "reminders": reminders,
            "revenue_by_day": revenue_by_day,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.answers_in_hour_out import AnswersInHourOut # noqa: PLC0415
        from ..models.funnel_out import FunnelOut # noqa: PLC0415
        from ..models.reminder_out import ReminderOut # noqa: PLC0415
        from ..models.revenue_of_day_out import RevenueOfDayOut # noqa: PLC0415
        d = dict(src_dict)
        answers_by_hour = []
        _answers_by_hour = d.pop("answers_by_hour")
        for answers_by_hour_item_data in (_answers_by_hour):
            answers_by_hour_item = AnswersInHourOut.from_dict(answers_by_hour_item_data)



            answers_by_hour.append(answers_by_hour_item)


        funnel = FunnelOut.from_dict(d.pop("funnel"))




        reminders = []
        _reminders = d.pop("reminders")
        for reminders_item_data in (_reminders):
            reminders_item = ReminderOut.from_dict(reminders_item_data)



            reminders.append(reminders_item)


        revenue_by_day = []
        _revenue_by_day = d.pop("revenue_by_day")
        for revenue_by_day_item_data in (_revenue_by_day):
            revenue_by_day_item = RevenueOfDayOut.from_dict(revenue_by_day_item_data)



            revenue_by_day.append(revenue_by_day_item)


        insights_out = cls(
            answers_by_hour=answers_by_hour,
            funnel=funnel,
            reminders=reminders,
            revenue_by_day=revenue_by_day,
        )


        insights_out.additional_properties = d
        return insights_out

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
