-- SettingsRepository::PruneRequestWindows: the windows that started before $1.
DELETE FROM request_windows WHERE window_start < $1
