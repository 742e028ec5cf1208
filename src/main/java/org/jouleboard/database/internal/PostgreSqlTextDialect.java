package org.jouleboard.database.internal;

import java.sql.Types;
import org.hibernate.boot.model.TypeContributions;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.service.ServiceRegistry;
import org.hibernate.type.descriptor.jdbc.LongVarcharJdbcType;

/**
 * PostgreSQL, with the long texts ({@code @Lob} answers, thinking, prompts, power traces) in {@code text}
 * columns, as db/postgresql/V30 creates them. Hibernate's own choice there is {@code oid}, a large object
 * stored apart from the row, which plain SQL (the leaderboard's, exports, pg_dump users) cannot read as text.
 */
public class PostgreSqlTextDialect extends PostgreSQLDialect {

    @Override
    protected String columnType(int sqlTypeCode) {
        return sqlTypeCode == Types.CLOB ? "text" : super.columnType(sqlTypeCode);
    }

    @Override
    protected String castType(int sqlTypeCode) {
        return sqlTypeCode == Types.CLOB ? "text" : super.castType(sqlTypeCode);
    }

    @Override
    public void contributeTypes(TypeContributions contributions, ServiceRegistry services) {
        super.contributeTypes(contributions, services);
        contributions
                .getTypeConfiguration()
                .getJdbcTypeRegistry()
                .addDescriptor(Types.CLOB, LongVarcharJdbcType.INSTANCE);
    }
}
