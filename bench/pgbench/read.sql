-- The PostgreSQL read floor: one user read by primary key with its group roles (every column a GET reads).
\set n random(1, :users)
SELECT u.id, u.company_id, u.first_name, u.last_name, u.username, u.employee_id, u.email, u.cell_phone_country,
    u.cell_phone_number, u.status, u.login_enabled, u.password_hash, u.allow_video_search_download,
    u.allow_safety_event_download, u.primary_group_id, u.created_date, u.updated_date, u.last_login_date, u.version,
    u.security_stamp, r.group_id, r.role_id
FROM users u LEFT JOIN user_group_roles r ON r.user_id = u.id
WHERE u.id = (SELECT id FROM floor_ids WHERE n = :n);
