// Loads an iCalendar file with KDE's KCalendarCore (the library of KOrganizer
// and Kontact) and prints one line per to-do: its UID, a tab, and the UID of
// its parent as KCalendarCore reads it ("" for none). Exit 1 when the file
// does not load. Built only where libkf5calendarcore-dev is installed.

#include <KCalendarCore/ICalFormat>
#include <KCalendarCore/MemoryCalendar>
#include <KCalendarCore/Todo>
#include <QFile>
#include <QTimeZone>
#include <iostream>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: kcal_parents FILE.ics\n";
    return 2;
  }
  QFile file(QString::fromLocal8Bit(argv[1]));
  if (!file.open(QIODevice::ReadOnly)) {
    std::cerr << "kcal_parents: cannot read " << argv[1] << "\n";
    return 1;
  }
  const QString text = QString::fromUtf8(file.readAll());
  KCalendarCore::MemoryCalendar::Ptr calendar(new KCalendarCore::MemoryCalendar(QTimeZone::utc()));
  KCalendarCore::ICalFormat format;
  if (!format.fromString(calendar, text)) {
    std::cerr << "kcal_parents: KCalendarCore could not load " << argv[1] << "\n";
    return 1;
  }
  for (const auto& todo : calendar->rawTodos()) {
    std::cout << todo->uid().toStdString() << '\t' << todo->relatedTo().toStdString() << '\n';
  }
  return 0;
}
