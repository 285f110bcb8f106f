package org.bizhall.realm.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration {@code org.bizhall.realm}: which realm gets hashed passwords, and the hash (settings of Karaf's
 * encryption services, as {@code etc/org.apache.karaf.jaas.cfg} would name them).
 */
@ObjectClassDefinition(id = HashedPasswordsRealm.PID, name = "bizhall realm",
        description = "The JAAS realm whose users.properties passwords are stored hashed")
public @interface RealmConfig {
    @AttributeDefinition(name = "Realm",
            description = "The realm this one takes the place of (its login modules are kept)")
    String realm() default "karaf";

    @AttributeDefinition(name = "Rank", description = "Above the rank of the realm taken over (Karaf's own is 0)")
    int rank() default 1;

    @AttributeDefinition(name = "Encryption service", description = "The name of Karaf's encryption service")
    String encryption_name() default "spring-security-crypto";

    @AttributeDefinition(name = "Algorithm")
    String encryption_algorithm() default "bcrypt";

    @AttributeDefinition(name = "Prefix", description = "Marks a stored password as a hash")
    String encryption_prefix() default "{CRYPT}";

    @AttributeDefinition(name = "Suffix", description = "Ends a hashed stored password")
    String encryption_suffix() default "{CRYPT}";

    @AttributeDefinition(name = "Encoding", description = "Empty: the hash as the algorithm writes it ($2a$10$...)")
    String encryption_encoding() default "";
}
